import { describe, expect, it } from 'vitest';
import { checkNumber, checkObject } from './checks.js';

const fields = {
  threshold: { optional: false, check: (v: unknown, p: string) => checkNumber(v, p, false, undefined, undefined) },
  clearThreshold: { optional: true, check: (v: unknown, p: string) => checkNumber(v, p, false, undefined, undefined) },
};

describe('checkObject', () => {
  it('takes an optional field sent as null, as .NET and Java clients send it, for a missing one', () => {
    const rule: Record<string, unknown> = { threshold: 1, clearThreshold: null };
    expect(checkObject(rule, 'rule', fields)).toBeUndefined();
    expect(rule).toEqual({ threshold: 1 });
    expect('clearThreshold' in rule).toBe(false);
  });

  it('still refuses null for a required field', () => {
    expect(checkObject({ threshold: null }, 'rule', fields)).toBe('rule.threshold must be a finite number, got null');
  });
});
