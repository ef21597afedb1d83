import { describe, expect, it } from 'vitest';
import { parseJoinTarget } from './join-api.js';

describe('parseJoinTarget', () => {
  it('reads the origin and code of a join link', () => {
    expect(parseJoinTarget(' http://10.0.0.5:5150/#code=ABCDE-FGHJK ')).toEqual({ origin: 'http://10.0.0.5:5150', code: 'ABCDE-FGHJK' });
  });

  it('takes a bare code as a code for this host', () => {
    expect(parseJoinTarget('abcde fghjk')).toEqual({ origin: undefined, code: 'abcde fghjk' });
  });

  it('keeps the origin of a link without a code', () => {
    expect(parseJoinTarget('https://deck.local:5150/')).toEqual({ origin: 'https://deck.local:5150', code: undefined });
  });
});
