import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

describe('createLogger', () => {
  it('writes JSON lines at or above its level, with child fields and readable errors', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line)).child({ hub: '/chat' });
    logger.debug('hidden');
    logger.info('connected', { connectionId: 'c1' });
    logger.error('failed', { error: new TypeError('bad') });
    const records = lines.map((l) => JSON.parse(l));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ level: 'info', message: 'connected', hub: '/chat', connectionId: 'c1' });
    expect(records[1].error).toMatchObject({ name: 'TypeError', message: 'bad' });
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (line) => lines.push(line));
    logger.error('nope');
    expect(lines).toEqual([]);
  });
});
