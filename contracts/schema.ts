/**
 * The language hub contracts are written in: data types with limits, server methods (invoked,
 * sent or streamed) and client methods. The code generator turns a contract into a typed
 * client, server typing, run-time validators and machine-readable descriptions.
 */

export type TypeSpec =
  | { readonly kind: 'string'; readonly maxLength?: number; readonly minLength?: number; readonly enum?: readonly string[] }
  | { readonly kind: 'number'; readonly integer?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'any' }
  | { readonly kind: 'void' }
  | { readonly kind: 'array'; readonly items: TypeSpec; readonly maxItems?: number }
  | { readonly kind: 'record'; readonly values: TypeSpec; readonly maxEntries?: number }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, FieldSpec>> }
  | { readonly kind: 'nullable'; readonly inner: TypeSpec }
  | { readonly kind: 'ref'; readonly name: string };

export interface FieldSpec {
  readonly type: TypeSpec;
  readonly optional: boolean;
  readonly description?: string;
}

/** A server method: invoked (with a result), sent (fire and forget) or streamed to the caller. */
export interface ServerMethodSpec {
  readonly description: string;
  readonly params: Readonly<Record<string, TypeSpec | StreamParam>>;
  readonly mode: 'invoke' | 'send' | 'stream';
  /** The result type (invoke) or the stream's item type (stream). */
  readonly returns: TypeSpec;
}

/** A parameter fed by a client-to-server stream of `items`. */
export interface StreamParam {
  readonly kind: 'stream';
  readonly items: TypeSpec;
}

export interface ClientMethodSpec {
  readonly description: string;
  readonly params: Readonly<Record<string, TypeSpec>>;
}

export interface HubContract {
  /** The hub's name, e.g. "DashboardHub"; generated names derive from it. */
  readonly name: string;
  readonly description: string;
  /** Where the hub is usually mapped. */
  readonly path: string;
  readonly types: Readonly<Record<string, TypeSpec>>;
  /** Methods clients call, keyed by their wire name. */
  readonly server: Readonly<Record<string, ServerMethodSpec>>;
  /** Methods the server calls on clients, keyed by their wire name. */
  readonly client: Readonly<Record<string, ClientMethodSpec>>;
}

/** Builders for type specs. */
export const t = {
  string: (limits: { maxLength?: number; minLength?: number } = {}): TypeSpec => ({ kind: 'string', ...limits }),
  enum: (...values: string[]): TypeSpec => ({ kind: 'string', enum: values }),
  number: (limits: { min?: number; max?: number } = {}): TypeSpec => ({ kind: 'number', ...limits }),
  integer: (limits: { min?: number; max?: number } = {}): TypeSpec => ({ kind: 'number', integer: true, ...limits }),
  boolean: (): TypeSpec => ({ kind: 'boolean' }),
  /** An instant, as an ISO 8601 string on the wire. */
  timestamp: (): TypeSpec => ({ kind: 'timestamp' }),
  any: (): TypeSpec => ({ kind: 'any' }),
  void: (): TypeSpec => ({ kind: 'void' }),
  array: (items: TypeSpec, limits: { maxItems?: number } = {}): TypeSpec => ({ kind: 'array', items, ...limits }),
  record: (values: TypeSpec, limits: { maxEntries?: number } = {}): TypeSpec => ({ kind: 'record', values, ...limits }),
  object: (fields: Record<string, TypeSpec | FieldSpec>): TypeSpec => ({
    kind: 'object',
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isField(v) ? v : { type: v, optional: false }])),
  }),
  optional: (type: TypeSpec, description?: string): FieldSpec => ({ type, optional: true, ...(description ? { description } : {}) }),
  nullable: (inner: TypeSpec): TypeSpec => ({ kind: 'nullable', inner }),
  ref: (name: string): TypeSpec => ({ kind: 'ref', name }),
  stream: (items: TypeSpec): StreamParam => ({ kind: 'stream', items }),
};

function isField(value: TypeSpec | FieldSpec): value is FieldSpec {
  return 'optional' in value && 'type' in value;
}

/** Server method builders. */
export const method = {
  invoke: (description: string, params: ServerMethodSpec['params'], returns: TypeSpec = t.void()): ServerMethodSpec => ({
    description, params, mode: 'invoke', returns,
  }),
  send: (description: string, params: ServerMethodSpec['params']): ServerMethodSpec => ({ description, params, mode: 'send', returns: t.void() }),
  stream: (description: string, params: ServerMethodSpec['params'], items: TypeSpec): ServerMethodSpec => ({
    description, params, mode: 'stream', returns: items,
  }),
};

export function isStreamParam(value: TypeSpec | StreamParam): value is StreamParam {
  return value.kind === 'stream';
}

/** Checks a contract's references and names before anything is generated from it. */
export function checkContract(contract: HubContract): void {
  const problems: string[] = [];
  const visit = (spec: TypeSpec, where: string): void => {
    switch (spec.kind) {
      case 'ref':
        if (!(spec.name in contract.types)) problems.push(`${where} refers to unknown type '${spec.name}'`);
        return;
      case 'array':
        return visit(spec.items, `${where}[]`);
      case 'record':
        return visit(spec.values, `${where}{}`);
      case 'nullable':
        return visit(spec.inner, where);
      case 'object':
        for (const [name, field] of Object.entries(spec.fields)) visit(field.type, `${where}.${name}`);
        return;
      default:
        return;
    }
  };
  for (const [name, spec] of Object.entries(contract.types)) visit(spec, name);
  const seen = new Set<string>();
  for (const [name, m] of Object.entries(contract.server)) {
    if (seen.has(name.toLowerCase())) problems.push(`server method '${name}' differs from another only by case`);
    seen.add(name.toLowerCase());
    for (const [param, spec] of Object.entries(m.params)) visit(isStreamParam(spec) ? spec.items : spec, `${name}(${param})`);
    visit(m.returns, `${name} result`);
    if (m.mode !== 'invoke' && m.mode !== 'stream' && m.returns.kind !== 'void') problems.push(`sent method '${name}' cannot return a value`);
  }
  for (const [name, m] of Object.entries(contract.client)) {
    for (const [param, spec] of Object.entries(m.params)) visit(spec, `${name}(${param})`);
  }
  if (problems.length > 0) throw new Error(`Contract ${contract.name} is invalid:\n  ${problems.join('\n  ')}`);
}

/** The named types a spec refers to directly. */
function refsOf(spec: TypeSpec | StreamParam): string[] {
  switch (spec.kind) {
    case 'ref':
      return [spec.name];
    case 'array':
      return refsOf(spec.items);
    case 'record':
      return refsOf(spec.values);
    case 'nullable':
      return refsOf(spec.inner);
    case 'stream':
      return refsOf(spec.items);
    case 'object':
      return Object.values(spec.fields).flatMap((f) => refsOf(f.type));
    default:
      return [];
  }
}

/** The named types that appear in the signatures of server methods, client methods or both, in contract order. */
export function signatureTypes(contract: HubContract, sides: ReadonlyArray<'server' | 'client'> = ['server', 'client']): string[] {
  const used = new Set([
    ...(sides.includes('server') ? Object.values(contract.server).flatMap((m) => [...Object.values(m.params).flatMap(refsOf), ...refsOf(m.returns)]) : []),
    ...(sides.includes('client') ? Object.values(contract.client).flatMap((m) => Object.values(m.params).flatMap(refsOf)) : []),
  ]);
  return Object.keys(contract.types).filter((name) => used.has(name));
}
