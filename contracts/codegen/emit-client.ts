import { type HubContract, signatureTypes } from '../schema.js';
import { tsParams, tsType } from './emit-types.js';
import { banner, camel, fileBase, quote } from './naming.js';

/** A typed client for @microsoft/signalr: a proxy for server methods and a receiver binding. */
export function emitClient(contract: HubContract): string {
  const usedTypes = signatureTypes(contract);
  const methods = Object.entries(contract.server).map(([name, m]) => {
    const params = tsParams(m.params, (item) => `IStreamResult<${item}>`);
    const args = Object.keys(m.params).map((p) => `, ${p}`).join('');
    const doc = `  /** ${m.description} */\n`;
    switch (m.mode) {
      case 'stream':
        return `${doc}  ${camel(name)}(${params}): IStreamResult<${tsType(m.returns)}> {\n    return this.connection.stream<${tsType(m.returns)}>(${quote(name)}${args});\n  }`;
      case 'send':
        return `${doc}  ${camel(name)}(${params}): Promise<void> {\n    return this.connection.send(${quote(name)}${args});\n  }`;
      case 'invoke':
        return `${doc}  ${camel(name)}(${params}): Promise<${tsType(m.returns)}> {\n    return this.connection.invoke<${tsType(m.returns)}>(${quote(name)}${args});\n  }`;
    }
  });
  const bindings = Object.entries(contract.client).map(([name, m]) => {
    const args = Object.keys(m.params).join(', ');
    const typed = tsParams(m.params, (i) => i);
    return `    [${quote(name)}, (${typed}) => receiver.${name}(${args})],`;
  });
  return `${banner(contract)}import type { HubConnection, IStreamResult } from '@microsoft/signalr';
import type { ${[...usedTypes, `${contract.name}Client`].join(', ')} } from './${fileBase(contract)}.types.js';

/** Calls ${contract.name}'s server methods by their contract names, with typed arguments and results. */
export class ${contract.name}Proxy {
  constructor(readonly connection: HubConnection) {}

${methods.join('\n\n')}
}

/**
 * Routes the server's calls to \`receiver\`; returns a function that unbinds it. Everything the
 * server may call must be implemented, so a new client method in the contract is a compile error here.
 */
export function bind${contract.name}Client(connection: HubConnection, receiver: ${contract.name}Client): () => void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const handlers: Array<[string, (...args: any[]) => unknown]> = [
${bindings.join('\n')}
  ];
  for (const [name, handler] of handlers) connection.on(name, handler);
  return () => {
    for (const [name, handler] of handlers) connection.off(name, handler);
  };
}
`;
}
