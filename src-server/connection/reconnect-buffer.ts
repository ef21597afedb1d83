import { InvalidDataError } from '../errors.js';
import { type HubMessage, MessageType, isSequencedMessage } from '../protocol/messages.js';

interface Entry {
  readonly id: number;
  readonly data: string | Uint8Array;
  readonly size: number;
}

/**
 * Stateful reconnect for one connection: numbers what is sent and keeps it until the client
 * acknowledges it, so a resumed connection can resend it; numbers what is received so resent
 * duplicates are skipped. Mirrors the client's MessageBuffer.
 */
export class ReconnectBuffer {
  private entries: Entry[] = [];
  private head = 0;
  private bufferedBytes = 0;
  private sentCount = 0;
  private waiters: Array<() => void> = [];
  private nextReceivingId = 1;
  private latestReceivedId = 0;
  private lastAckSent = 0;
  private waitingForSequence = false;
  /** False while the transport is down: sequenced data is kept but not sent. */
  connected = true;

  constructor(private readonly capacityBytes: number) {}

  /**
   * Keeps a sequenced message for resending. Returns a promise when the buffer is full, which
   * settles once the client has acknowledged enough; callers that can wait should.
   */
  record(data: string | Uint8Array): Promise<void> | undefined {
    const size = typeof data === 'string' ? data.length : data.byteLength;
    this.entries.push({ id: ++this.sentCount, data, size });
    this.bufferedBytes += size;
    if (this.bufferedBytes < this.capacityBytes) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The client has everything up to and including `sequenceId`. */
  ack(sequenceId: number): void {
    while (this.head < this.entries.length && this.entries[this.head]!.id <= sequenceId) {
      this.bufferedBytes -= this.entries[this.head]!.size;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    if (this.bufferedBytes < this.capacityBytes) this.release();
  }

  /**
   * Decides whether a received message is new. After a reconnect, everything before the client's
   * Sequence message is dropped; resent messages the server already processed are skipped.
   */
  shouldProcess(message: HubMessage): boolean {
    if (this.waitingForSequence) {
      if (message.type !== MessageType.Sequence) return false;
      this.waitingForSequence = false;
      return true;
    }
    if (!isSequencedMessage(message)) return true;
    const id = this.nextReceivingId++;
    if (id <= this.latestReceivedId) return false;
    this.latestReceivedId = id;
    return true;
  }

  /** The client's Sequence message: its next message carries `sequenceId`. */
  resetSequence(sequenceId: number): void {
    if (sequenceId > this.nextReceivingId) throw new InvalidDataError("Sequence ID greater than amount of messages we've received.");
    this.nextReceivingId = sequenceId;
  }

  /** The Ack to send now, if anything arrived since the last one. */
  takeAck(): number | undefined {
    if (this.latestReceivedId <= this.lastAckSent) return undefined;
    this.lastAckSent = this.latestReceivedId;
    return this.latestReceivedId;
  }

  disconnected(): void {
    this.connected = false;
    this.waitingForSequence = true;
  }

  /** After a reconnect: the sequence id of the first resent message, and the data to resend. */
  resend(): { sequenceId: number; data: Array<string | Uint8Array> } {
    this.connected = true;
    const pending = this.entries.slice(this.head);
    return { sequenceId: pending[0]?.id ?? this.sentCount + 1, data: pending.map((e) => e.data) };
  }

  /** Unblocks writers for good when the connection ends. */
  dispose(): void {
    this.release();
    this.entries = [];
    this.head = 0;
    this.bufferedBytes = 0;
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
