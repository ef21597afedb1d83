import { describe, expect, it } from 'vitest';
import { KeepAlive } from './keep-alive.js';

const options = { keepAliveInterval: 15_000, clientTimeoutInterval: 30_000, handshakeTimeout: 15_000 };

describe('KeepAlive', () => {
  const keepAlive = new KeepAlive(options, () => 1_000_000);

  it('gives up on a handshake only after the handshake timeout', () => {
    expect(keepAlive.handshakeTimedOut(0, 15_000)).toBe(false);
    expect(keepAlive.handshakeTimedOut(0, 15_001)).toBe(true);
  });

  it('stays quiet while both sides talk', () => {
    expect(keepAlive.verdict(10_000, 10_000, undefined, 20_000)).toBe('quiet');
  });

  it('pings once the server has said nothing for the keep-alive interval', () => {
    expect(keepAlive.verdict(20_000, 5_000, undefined, 19_999)).toBe('quiet');
    expect(keepAlive.verdict(20_000, 5_000, undefined, 20_000)).toBe('ping');
  });

  it('times a client out after the client timeout of silence, before pinging it', () => {
    expect(keepAlive.verdict(0, 0, undefined, 30_000)).toBe('ping');
    expect(keepAlive.verdict(0, 0, undefined, 30_001)).toBe('timedOut');
  });

  it('closes for expired credentials by the wall clock, whatever the traffic', () => {
    expect(keepAlive.verdict(0, 0, 1_000_001, 0)).toBe('quiet');
    expect(keepAlive.verdict(0, 0, 1_000_000, 0)).toBe('expired');
    expect(keepAlive.verdict(0, 0, 999_999, 30_001)).toBe('expired');
  });
});
