import { type HubContract, type TypeSpec, isStreamParam } from '../schema.js';
import { banner, camel, key, quote } from './naming.js';

const num = (n: number | undefined) => (n === undefined ? 'undefined' : String(n));

/** Writes check expressions, remembering which runtime helpers and named types they use. */
class CheckWriter {
  readonly helpers = new Set<string>(['Check', 'Problem', 'checkArguments']);
  readonly refs = new Set<string>();

  /** An expression of type Check for a spec. */
  of(spec: TypeSpec): string {
    switch (spec.kind) {
      case 'string':
        return `(v, p) => ${this.use('checkString')}(v, p, ${num(spec.minLength)}, ${num(spec.maxLength)}${spec.enum ? `, [${spec.enum.map(quote).join(', ')}]` : ''})`;
      case 'number':
        return `(v, p) => ${this.use('checkNumber')}(v, p, ${spec.integer === true}, ${num(spec.min)}, ${num(spec.max)})`;
      case 'boolean':
        return this.use('checkBoolean');
      case 'timestamp':
        return this.use('checkTimestamp');
      case 'any':
      case 'void':
        return this.use('anything');
      case 'array':
        return `(v, p) => ${this.use('checkArray')}(v, p, ${num(spec.maxItems)}, ${this.of(spec.items)})`;
      case 'record':
        return `(v, p) => ${this.use('checkRecord')}(v, p, ${num(spec.maxEntries)}, ${this.of(spec.values)})`;
      case 'nullable':
        return `(v, p) => ${this.use('checkNullable')}(v, p, ${this.of(spec.inner)})`;
      case 'ref':
        this.refs.add(spec.name);
        return `check${spec.name}`;
      case 'object':
        return `(v, p) => ${this.use('checkObject')}(v, p, { ${this.fields(spec.fields).join(', ')} })`;
    }
  }

  fields(fields: Readonly<Record<string, { type: TypeSpec; optional: boolean }>>): string[] {
    return Object.entries(fields).map(([name, f]) => `${key(name)}: { optional: ${f.optional}, check: ${this.of(f.type)} }`);
  }

  private use(helper: string): string {
    this.helpers.add(helper);
    return helper;
  }
}

/** Run-time checks of every server method's arguments, applied before the hub method runs. */
export function emitValidators(contract: HubContract): string {
  const writer = new CheckWriter();
  const methods = Object.entries(contract.server).map(([name, m]) => {
    const params = Object.entries(m.params)
      .filter(([, spec]) => !isStreamParam(spec))
      .map(([param, spec]) => `  [${quote(param)}, ${writer.of(spec as TypeSpec)}],`);
    return `const ${camel(name)}Params: ReadonlyArray<readonly [string, Check]> = [\n${params.join('\n')}\n];`;
  });
  const streamItems = Object.entries(contract.server).flatMap(([name, m]) => {
    const streams = Object.values(m.params).filter(isStreamParam);
    return streams.length === 0 ? [] : [`  ${name}: [${streams.map((s) => writer.of(s.items)).join(', ')}],`];
  });
  // Named types are emitted only when a server method needs them, following references.
  const named: string[] = [];
  const done = new Set<string>();
  for (let pending = [...writer.refs]; pending.length > 0; pending = [...writer.refs].filter((n) => !done.has(n))) {
    for (const name of pending) {
      done.add(name);
      const spec = contract.types[name]!;
      named.push(
        spec.kind === 'object'
          ? `function check${name}(v: unknown, p: string): Problem {\n  return checkObject(v, p, ${camel(name)}Fields);\n}\nconst ${camel(name)}Fields: Readonly<Record<string, { optional: boolean; check: Check }>> = {\n${writer.fields(spec.fields).map((f) => `  ${f},`).join('\n')}\n};`
          : `const check${name}: Check = ${writer.of(spec)};`,
      );
      if (spec.kind === 'object') writer.helpers.add('checkObject');
    }
  }
  const table = Object.keys(contract.server).map((name) => `  ${name}: (args: readonly unknown[]): Problem => checkArguments(args, ${camel(name)}Params),`);
  const runtime = [...writer.helpers].filter((h) => h !== 'anything').sort();
  const imports = runtime.map((h) => (h === 'Check' || h === 'Problem' ? `type ${h}` : h));
  return `${banner(contract)}import { ${imports.join(', ')} } from '../runtime/checks.js';
${writer.helpers.has('anything') ? '\nconst anything: Check = () => undefined;\n' : ''}
${named.join('\n\n')}

${methods.join('\n\n')}

/** Checks a server method's (non-stream) arguments; returns the problem with the first invalid one. */
export const ${camel(contract.name)}ArgumentChecks = {
${table.join('\n')}
};

/** Checks of the items of each client-to-server stream parameter, in parameter order. */
export const ${camel(contract.name)}StreamItemChecks: Readonly<Record<string, readonly Check[]>> = {
${streamItems.join('\n')}
};
`;
}
