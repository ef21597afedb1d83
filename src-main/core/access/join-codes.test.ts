import { describe, expect, it } from 'vitest';
import { JoinCodes, normalizeCode } from './join-codes.js';

describe('JoinCodes', () => {
  it('gives each code once, for its role, until it expires', () => {
    const codes = new JoinCodes();
    const viewer = codes.create('viewer', 10, 0);
    const operator = codes.create('operator', 1, 0);
    expect(viewer.code).not.toBe(operator.code);
    expect(codes.pending(0)).toHaveLength(2);
    expect(codes.redeem(viewer.code.toLowerCase().replace('-', ' '), 1000)).toBe('viewer');
    expect(codes.redeem(viewer.code, 1000)).toBeUndefined();
    expect(codes.redeem(operator.code, 60_001)).toBeUndefined();
    expect(codes.pending(60_001)).toEqual([]);
  });

  it('makes codes of 10 unambiguous symbols', () => {
    const codes = new JoinCodes();
    for (let i = 0; i < 200; i++) expect(normalizeCode(codes.create('viewer', 1, 0).code)).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10}$/);
  });
});
