import { type HubContract, isStreamParam, signatureTypes } from '../schema.js';
import { tsParams, tsType } from './emit-types.js';
import { banner, camel, fileBase, quote } from './naming.js';

/** Server typing: the interface a hub class implements and its method table (names, streams, validation). */
export function emitServer(contract: HubContract): string {
  const base = fileBase(contract);
  const members = Object.entries(contract.server).map(([name, m]) => {
    const params = tsParams(m.params, (item) => `AsyncIterable<${item}>`);
    const result = tsType(m.returns);
    const returns =
      m.mode === 'stream' ? `AsyncIterable<${result}> | Promise<AsyncIterable<${result}>>` : m.returns.kind === 'void' ? 'void | Promise<void>' : `${result} | Promise<${result}>`;
    return `  /** ${m.description} */\n  ${camel(name)}(${params}): ${returns};`;
  });
  const table = Object.entries(contract.server).map(([name, m]) => {
    const entries = Object.values(m.params);
    const streams = entries.flatMap((spec, index) => (isStreamParam(spec) ? [index] : []));
    const parts = [
      `name: ${quote(name)}`,
      `parameterCount: ${entries.length}`,
      ...(m.mode === 'stream' ? ['stream: true'] : []),
      ...(streams.length ? [`streamParameters: [${streams.join(', ')}]`, `streamItemChecks: ${camel(contract.name)}StreamItemChecks.${name}`] : []),
      `validate: ${camel(contract.name)}ArgumentChecks.${name}`,
    ];
    return `  ${camel(name)}: { ${parts.join(', ')} },`;
  });
  const types = signatureTypes(contract, ['server']);
  const usesStreams = Object.values(contract.server).some((m) => Object.values(m.params).some(isStreamParam));
  return `${banner(contract)}import type { HubMethodOptions } from '../../src-server/index.js';
${types.length ? `import type { ${types.join(', ')} } from './${base}.types.js';\n` : ''}import { ${[`${camel(contract.name)}ArgumentChecks`, ...(usesStreams ? [`${camel(contract.name)}StreamItemChecks`] : [])].join(', ')} } from './${base}.validators.js';

/**
 * What a ${contract.name} class implements: \`class ${contract.name} extends Hub<${contract.name}Client> implements ${contract.name}Server\`.
 * Method names are camelCase here; clients call them by their contract names, which the server matches ignoring case.
 */
export interface ${contract.name}Server {
${members.join('\n')}
}

/** The hub's \`static methods\` table: contract names, stream parameters and argument validation. */
export const ${camel(contract.name)}Methods = {
${table.join('\n')}
} as const satisfies Record<keyof ${contract.name}Server, HubMethodOptions>;
`;
}
