import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { WebSocketFrameScanner } from '../../src-server/transport/websocket-frame-scanner.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, startServer } from '../support/hub-fixture.js';

class EchoHub extends Hub {
  echo(text: string): string {
    return text;
  }
}

const sizeError = 'Connection closed with an error. InvalidDataException: The maximum message size of 1024B was exceeded. The message size can be configured in AddHubOptions.';

describe('inbound bytes and frames, complete messages or not', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  const start = (options: Record<string, unknown> = {}) =>
    startServer((s) => s.mapHub('/echo', EchoHub, { options: { maximumReceiveMessageSize: 1024, enableDetailedErrors: true, ...options } }));

  it('closes with the size error a connection whose WebSocket fragments outgrow the cap, before the message ends', async () => {
    running = await start();
    const client = await RawClient.connected(`${running.url}/echo`);
    // 4 KB is the WebSocket cap for a 1 KB hub limit; the message never gets its final fragment.
    for (let i = 0; i < 4200; i++) client.socket.send('x', { fin: false });
    expect(JSON.parse(await client.nextRecord())).toEqual({ type: 7, error: sizeError });
    await client.closed();
  });

  it('closes with the size error a connection whose one-byte messages never complete a hub message', async () => {
    running = await start();
    const client = await RawClient.connected(`${running.url}/echo`);
    for (let i = 0; i < 1100; i++) client.send('x');
    expect(JSON.parse(await client.nextRecord())).toEqual({ type: 7, error: sizeError });
    await client.closed();
  });

  it('holds back a connection past its frame budget instead of reading its frames as fast as they come', async () => {
    running = await start({ inboundBudget: { frames: { perSecond: 2000, burst: 100 }, bytes: { perSecond: 10_000_000, burst: 10_000_000 } } });
    const client = await RawClient.connected(`${running.url}/echo`);
    const sentAt = performance.now();
    // 10,000 pings (17 bytes a frame), then one call.
    for (let i = 0; i < 10_000; i++) client.send('{"type":6}\x1e');
    client.sendMessage({ type: 1, invocationId: '1', target: 'echo', arguments: ['after'] });
    expect(await client.nextMessage({ timeoutMs: 20_000 })).toEqual({ type: 3, invocationId: '1', result: 'after' });
    // Past the burst, frames are read at 2,000 a second; only the last socket read (64 KB at
    // most, 3,855 of these frames) can run ahead of its budget: (10,000 - 100 - 3,855) / 2,000 s.
    expect(performance.now() - sentAt).toBeGreaterThan(3000);
    client.close();
  });
});

describe('WebSocketFrameScanner', () => {
  // Client frames: FIN+opcode, MASK+length, 4 mask bytes, payload.
  const frame = (opcode: number, fin: boolean, payload: number) => {
    const length = payload < 126 ? [0x80 | payload] : [0x80 | 126, payload >> 8, payload & 0xff];
    return Uint8Array.from([(fin ? 0x80 : 0) | opcode, ...length, 1, 2, 3, 4, ...new Array<number>(payload).fill(0x41)]);
  };

  it('counts frames and measures a fragmented message across chunks, control frames apart', () => {
    const scanner = new WebSocketFrameScanner();
    const bytes = Uint8Array.from([...frame(1, false, 10), ...frame(9, true, 2), ...frame(0, false, 300), ...frame(0, true, 5)]);
    let frames = 0;
    let last = 0;
    for (let i = 0; i < bytes.length; i += 7) {
      const scanned = scanner.push(bytes.subarray(i, i + 7));
      frames += scanned.frames;
      last = scanned.messageBytes;
    }
    expect(frames).toBe(4);
    expect(last).toBe(315);
    expect(scanner.push(frame(1, true, 3)).messageBytes).toBe(3);
  });
});
