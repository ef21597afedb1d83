import { encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub, InvalidDataError } from '../../src-server/index.js';
import { BinaryFrameReader, frameBinary } from '../../src-server/protocol/binary-framing.js';
import { JsonHubProtocol } from '../../src-server/protocol/json-protocol.js';
import { MessagePackHubProtocol } from '../../src-server/protocol/messagepack-protocol.js';
import { TextFrameReader } from '../../src-server/protocol/text-framing.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, connect, startServer } from '../support/hub-fixture.js';

const json = new JsonHubProtocol();
const msgpack = new MessagePackHubProtocol();

/** Parsing must either succeed or fail with InvalidDataError: nothing else may escape. */
function parsesOrRefuses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    return error instanceof InvalidDataError;
  }
}

// Messages shaped like hub messages, with every field possibly of the wrong type.
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
const hubShaped = fc.record(
  {
    type: fc.oneof(fc.integer({ min: -1, max: 12 }), anyValue),
    invocationId: anyValue,
    target: anyValue,
    arguments: fc.oneof(fc.array(anyValue), anyValue),
    streamIds: anyValue,
    item: anyValue,
    result: anyValue,
    error: anyValue,
    headers: anyValue,
    sequenceId: anyValue,
  },
  { requiredKeys: [] },
);

describe('parser fuzzing', () => {
  it('the JSON protocol refuses garbage with InvalidDataError only', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesOrRefuses(() => json.parseMessage(bytes))), { numRuns: 3000 });
    fc.assert(
      fc.property(hubShaped, (message) => parsesOrRefuses(() => json.parseMessage(new TextEncoder().encode(JSON.stringify(message))))),
      { numRuns: 3000 },
    );
  });

  it('the MessagePack protocol refuses garbage with InvalidDataError only', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesOrRefuses(() => msgpack.parseMessage(bytes))), { numRuns: 3000 });
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 8 }), fc.integer({ min: 0, max: 12 }), (items, type) =>
        parsesOrRefuses(() => msgpack.parseMessage(encode([type, ...items]))),
      ),
      { numRuns: 3000 },
    );
  });

  it('frame readers give the same frames however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }).map((s) => s.replaceAll('\x1e', '')), { maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1 }), (texts, cuts) => {
        const bytes = new TextEncoder().encode(texts.map((t) => `${t}\x1e`).join(''));
        const reader = new TextFrameReader(null);
        const frames: string[] = [];
        for (let offset = 0, i = 0; offset < bytes.length; i++) {
          const size = cuts[i % cuts.length]!;
          frames.push(...reader.push(bytes.subarray(offset, offset + size)).map((f) => new TextDecoder().decode(f)));
          offset += size;
        }
        expect(frames).toEqual(texts);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (payloads, cut) => {
        const bytes = Buffer.concat(payloads.map((p) => frameBinary(p)));
        const reader = new BinaryFrameReader(null);
        const frames: Uint8Array[] = [];
        for (let offset = 0; offset < bytes.length; offset += cut) frames.push(...reader.push(bytes.subarray(offset, offset + cut)));
        expect(frames.map((f) => [...f])).toEqual(payloads.map((p) => [...p]));
      }),
      { numRuns: 500 },
    );
  });
});

class TargetHub extends Hub {
  add(a: number, b: number): number {
    if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError('numbers only');
    return a + b;
  }
  async *count(n: number): AsyncGenerator<number> {
    for (let i = 0; i < Math.min(Number(n) || 0, 5); i++) yield i;
  }
  async sum(values: AsyncIterable<number>): Promise<number> {
    let total = 0;
    for await (const v of values) total += Number(v) || 0;
    return total;
  }
}

describe('dispatcher fuzzing over a real socket', () => {
  let running: RunningServer;
  beforeAll(async () => {
    // Enough parallel slots that a batch's invocations left waiting on upload streams it never
    // completes (which only ever block their own connection) cannot hold back the probe.
    running = await startServer((s) => s.mapHub('/fuzz', TargetHub, { options: { maximumParallelInvocationsPerClient: 64, keepAliveInterval: 60_000 } }));
  });
  afterAll(() => running.close());

  it('survives random hub-shaped messages and keeps serving a well-behaved client', async () => {
    const good = await connect(`${running.url}/fuzz`);
    const targets = fc.constantFrom('add', 'ADD', 'count', 'sum', 'nope', '', 'constructor', '__proto__', 'toString', 'onConnected');
    const messages = fc.array(
      fc.oneof(
        hubShaped.map((m) => JSON.stringify(m)),
        fc.record({ type: fc.constantFrom(1, 4), invocationId: fc.string({ maxLength: 3 }), target: targets, arguments: fc.array(anyValue, { maxLength: 4 }), streamIds: fc.option(fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }), { nil: undefined }) }).map((m) => JSON.stringify(m)),
        fc.record({ type: fc.constantFrom(2, 3, 5), invocationId: fc.string({ maxLength: 2 }), item: anyValue }).map((m) => JSON.stringify(m)),
      ),
      { minLength: 1, maxLength: 30 },
    );
    let sessions = 0;
    await fc.assert(
      fc.asyncProperty(messages, async (batch) => {
        sessions++;
        const raw = await RawClient.connected(`${running.url}/fuzz`);
        raw.send(batch.map((m) => `${m}\x1e`).join(''));
        raw.sendMessage({ type: 1, invocationId: 'probe', target: 'add', arguments: [1, 2] });
        // Either the probe is answered or the server closed this (misbehaving) connection with a Close.
        for (;;) {
          let record: Record<string, unknown>;
          try {
            record = await raw.nextMessage({ timeoutMs: 3000 });
          } catch {
            expect(raw.closeCode).toBeDefined();
            break;
          }
          if (record.invocationId === 'probe' && record.type === 3) {
            expect(record.result).toBe(3);
            break;
          }
          if (record.type === 7) {
            expect(['string', 'undefined']).toContain(typeof record.error);
            break;
          }
        }
        raw.close();
        expect(await good.invoke('add', 2, 2)).toBe(4);
      }),
      { numRuns: 150 },
    );
    expect(sessions).toBe(150);
    await good.stop();
  });
});
