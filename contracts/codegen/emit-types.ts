import { type HubContract, type TypeSpec, isStreamParam } from '../schema.js';
import { banner, key } from './naming.js';

/** The TypeScript type of a spec. */
export function tsType(spec: TypeSpec, indent = ''): string {
  switch (spec.kind) {
    case 'string':
      return spec.enum ? spec.enum.map((v) => `'${v}'`).join(' | ') : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'string';
    case 'any':
      return 'unknown';
    case 'void':
      return 'void';
    case 'array': {
      const item = tsType(spec.items, indent);
      return /[ |]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'record':
      return `Record<string, ${tsType(spec.values, indent)}>`;
    case 'nullable':
      return `${tsType(spec.inner, indent)} | null`;
    case 'ref':
      return spec.name;
    case 'object': {
      const inner = `${indent}  `;
      const fields = Object.entries(spec.fields).map(([name, field]) => {
        const doc = field.description ? `${inner}/** ${field.description} */\n` : '';
        return `${doc}${inner}${key(name)}${field.optional ? '?' : ''}: ${tsType(field.type, inner)};`;
      });
      return `{\n${fields.join('\n')}\n${indent}}`;
    }
  }
}

/** `name: Type` pairs of a method's parameters; streams become `stream(itemType)`. */
export function tsParams(params: Readonly<Record<string, TypeSpec | { kind: 'stream'; items: TypeSpec }>>, stream: (item: string) => string): string {
  return Object.entries(params)
    .map(([name, spec]) => `${name}: ${isStreamParam(spec) ? stream(tsType(spec.items)) : tsType(spec)}`)
    .join(', ');
}

/** The data types of a contract, and its client interface, shared by client and server code. */
export function emitTypes(contract: HubContract): string {
  const types = Object.entries(contract.types).map(([name, spec]) =>
    spec.kind === 'object' ? `export interface ${name} ${tsType(spec)}` : `export type ${name} = ${tsType(spec)};`,
  );
  const clientMethods = Object.entries(contract.client).map(
    ([name, m]) => `  /** ${m.description} */\n  ${name}(${tsParams(m.params, (i) => i)}): void | Promise<void>;`,
  );
  return `${banner(contract)}
${types.join('\n\n')}

/**
 * The methods the server calls on clients. Names are the wire names: .NET clients match them
 * case-sensitively.
 */
export interface ${contract.name}Client {
${clientMethods.join('\n')}
}
`;
}
