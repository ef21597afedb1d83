import { describe, expect, it } from 'vitest';
import { OutboundOverflowError } from '../errors.js';
import { HubStats } from '../hub-stats.js';
import { JsonHubProtocol } from '../protocol/json-protocol.js';
import { type InvocationMessage, MessageType } from '../protocol/messages.js';
import { SerializedMessage } from '../protocol/serialized-message.js';
import { HttpConnection, type TransportSink } from '../transport/http-connection.js';
import { OutboundQueue } from './outbound-queue.js';
import { ReconnectBuffer } from './reconnect-buffer.js';

/** A transport whose backlog the test sets, recording what was written to it. */
class RecordingSink implements TransportSink {
  readonly kind = 'WebSockets' as const;
  readonly transferFormats = ['Text', 'Binary'] as const;
  readonly written: string[] = [];
  bufferedAmount = 0;
  aborted = false;
  write(data: string | Uint8Array, onFlushed?: () => void): void {
    this.written.push(typeof data === 'string' ? data : Buffer.from(data).toString());
    onFlushed?.();
  }
  end(): void {}
  abort(): void {
    this.aborted = true;
  }
}

const request = { url: '/hub', headers: {}, query: new URLSearchParams(), remoteAddress: '127.0.0.1' };
const limits = { slowConsumerBufferSize: 100, maximumOutboundBufferSize: 1000 };
const tick = (n: number): InvocationMessage => ({ type: MessageType.Invocation, target: 'tick', arguments: [n] });
const targets = (written: string[]) => written.map((frame) => (JSON.parse(frame.slice(0, -1)) as { target?: string; arguments?: unknown[]; type: number }));

function queue() {
  const sink = new RecordingSink();
  const transport = new HttpConnection('id', 'token', request, 0);
  transport.attach(sink, request);
  const ended: Array<Error | undefined> = [];
  transport.application = { onData() {}, onEnd: (error) => ended.push(error), onServerClosing() {}, onServerDraining: async () => {}, onInvalidData() {} };
  const stats = new HubStats();
  return { sink, stats, ended, outbound: new OutboundQueue(transport, new JsonHubProtocol(), limits, stats), transport };
}

describe('OutboundQueue', () => {
  it('sends messages as they come while the client keeps up, counting them', () => {
    const { sink, stats, outbound } = queue();
    outbound.write(tick(1));
    outbound.writeSerialized(new SerializedMessage(tick(2), 'tick'));
    expect(targets(sink.written).map((m) => m.arguments)).toEqual([[1], [2]]);
    expect(stats.messagesSent).toBe(2);
    expect(outbound.sentSinceBeat).toBe(true);
  });

  it('holds latest-value messages while the client is behind, keeping only the newest per key, and sends them once it caught up', () => {
    const { sink, stats, outbound } = queue();
    sink.bufferedAmount = 101;
    for (const n of [1, 2, 3]) outbound.writeSerialized(new SerializedMessage(tick(n), 'tick'));
    outbound.writeSerialized(new SerializedMessage({ ...tick(9), target: 'other' }, 'other'));
    // Messages without a key are never held or dropped.
    outbound.writeSerialized(new SerializedMessage({ ...tick(0), target: 'note' }));
    expect(targets(sink.written).map((m) => m.target)).toEqual(['note']);
    expect(outbound.state()).toEqual({ bufferedAmount: 101, conflations: 2, pendingLatest: 2 });
    expect(stats.conflations).toBe(2);
    outbound.flushLatest();
    expect(sink.written).toHaveLength(1);
    sink.bufferedAmount = 0;
    outbound.flushLatest();
    expect(targets(sink.written).map((m) => [m.target, m.arguments])).toEqual([['note', [0]], ['tick', [3]], ['other', [9]]]);
    expect(outbound.state().pendingLatest).toBe(0);
  });

  it('drops a client that lets more than the cap pile up, with OutboundOverflowError, and takes no more writes', () => {
    const { sink, ended, outbound } = queue();
    sink.bufferedAmount = 1001;
    outbound.write(tick(1));
    expect(sink.aborted).toBe(true);
    expect(ended[0]).toBeInstanceOf(OutboundOverflowError);
    expect(outbound.isOpen).toBe(false);
    outbound.write(tick(2));
    expect(sink.written).toHaveLength(1);
  });

  it('keeps sequenced messages while the transport is away and resends them after a Sequence on resuming', () => {
    const { sink, outbound } = queue();
    outbound.reconnectBuffer = new ReconnectBuffer(10_000);
    outbound.write(tick(1));
    outbound.reconnectBuffer.ack(1);
    outbound.reconnectBuffer.disconnected();
    outbound.write(tick(2));
    // Pings are not sequenced: they are not kept for resending.
    outbound.write({ type: MessageType.Ping });
    outbound.resume();
    expect(targets(sink.written)).toEqual([
      { type: 1, target: 'tick', arguments: [1] },
      { type: 6 },
      { type: 9, sequenceId: 2 },
      { type: 1, target: 'tick', arguments: [2] },
    ]);
  });

  it('writes nothing once closed, still telling the writer it is done', () => {
    const { sink, outbound } = queue();
    outbound.close();
    let flushed = false;
    outbound.write(tick(1), () => (flushed = true));
    outbound.writeSerialized(new SerializedMessage(tick(2)));
    expect(sink.written).toEqual([]);
    expect(flushed).toBe(true);
  });
});
