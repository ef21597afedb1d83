/**
 * Building blocks of the generated argument validators. Each check returns undefined when the
 * value fits, or a sentence naming the path of the first part that does not.
 */
export type Problem = string | undefined;
export type Check = (value: unknown, path: string) => Problem;

/** How a value looks, for error texts. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function checkString(value: unknown, path: string, minLength?: number, maxLength?: number, values?: readonly string[]): Problem {
  if (typeof value !== 'string') return `${path} must be a string, got ${describe(value)}`;
  if (values && !values.includes(value)) return `${path} must be one of ${values.map((v) => `'${v}'`).join(', ')}, got '${value.slice(0, 50)}'`;
  if (maxLength !== undefined && value.length > maxLength) return `${path} must be at most ${maxLength} characters, got ${value.length}`;
  if (minLength !== undefined && value.length < minLength) {
    return minLength === 1 ? `${path} must not be empty` : `${path} must be at least ${minLength} characters, got ${value.length}`;
  }
  return undefined;
}

export function checkNumber(value: unknown, path: string, integer: boolean, min?: number, max?: number): Problem {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${path} must be a finite number, got ${describe(value)}`;
  if (integer && !Number.isInteger(value)) return `${path} must be a whole number, got ${value}`;
  if (min !== undefined && value < min) return `${path} must be at least ${min}, got ${value}`;
  if (max !== undefined && value > max) return `${path} must be at most ${max}, got ${value}`;
  return undefined;
}

export function checkBoolean(value: unknown, path: string): Problem {
  return typeof value === 'boolean' ? undefined : `${path} must be true or false, got ${describe(value)}`;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant; MessagePack clients may send a native timestamp (a Date) instead. */
export function checkTimestamp(value: unknown, path: string): Problem {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return undefined;
  if (typeof value === 'string' && isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return undefined;
  return `${path} must be an ISO 8601 timestamp, got ${typeof value === 'string' ? `'${value.slice(0, 40)}'` : describe(value)}`;
}

export function checkArray(value: unknown, path: string, maxItems: number | undefined, item: Check): Problem {
  if (!Array.isArray(value)) return `${path} must be an array, got ${describe(value)}`;
  if (maxItems !== undefined && value.length > maxItems) return `${path} must have at most ${maxItems} items, got ${value.length}`;
  for (let i = 0; i < value.length; i++) {
    const problem = item(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

export function checkRecord(value: unknown, path: string, maxEntries: number | undefined, entry: Check): Problem {
  if (!isPlainObject(value)) return `${path} must be an object, got ${describe(value)}`;
  const keys = Object.keys(value);
  if (maxEntries !== undefined && keys.length > maxEntries) return `${path} must have at most ${maxEntries} entries, got ${keys.length}`;
  for (const key of keys) {
    const problem = entry(value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/** An object with exactly the declared fields: missing required ones and unknown ones are refused. */
export function checkObject(value: unknown, path: string, fields: Readonly<Record<string, { check: Check; optional: boolean }>>): Problem {
  if (!isPlainObject(value)) return `${path} must be an object, got ${describe(value)}`;
  for (const key of Object.keys(value)) {
    if (!(key in fields)) return `${path}.${key} is not a known field`;
  }
  for (const [key, field] of Object.entries(fields)) {
    const fieldValue = value[key];
    if (fieldValue === null && field.optional) {
      // .NET and Java clients write a missing optional field as null; the hub sees it absent.
      delete value[key];
      continue;
    }
    if (fieldValue === undefined) {
      if (field.optional) continue;
      return `${path}.${key} is required`;
    }
    const problem = field.check(fieldValue, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

export function checkNullable(value: unknown, path: string, inner: Check): Problem {
  return value === null ? undefined : inner(value, path);
}

/** Runs each parameter's check and words the first failure for the caller. */
export function checkArguments(args: readonly unknown[], params: ReadonlyArray<readonly [name: string, check: Check]>): Problem {
  for (let i = 0; i < params.length; i++) {
    const [name, check] = params[i]!;
    const problem = check(args[i], name);
    if (problem) return `Invalid argument '${name}': ${problem}.`;
  }
  return undefined;
}
