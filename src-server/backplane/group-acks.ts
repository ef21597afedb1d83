import { GroupAckTimeoutError } from './backplane-errors.js';

interface PendingAck {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Group commands this server sent to others, each awaiting the acknowledgement of the server holding the connection. */
export class GroupAcks {
  private readonly pending = new Map<number, PendingAck>();
  private nextId = 0;

  constructor(private readonly timeoutMs: number) {}

  /**
   * Registers a command described by `what` (for the timeout's message); returns its id and a
   * promise that its acknowledgement resolves, or that rejects with GroupAckTimeoutError.
   */
  expect(what: string): { readonly id: number; readonly acked: Promise<void> } {
    const id = ++this.nextId;
    const acked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new GroupAckTimeoutError(
            `${what} was not acknowledged within ${this.timeoutMs} ms: no server holds that connection, or Redis cannot reach it.`,
          ),
        );
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    return { id, acked };
  }

  /** Settles the command an acknowledgement names; unknown ids (late or foreign) are ignored. */
  ack(id: number): void {
    this.settle(id)?.resolve();
  }

  /** Rejects one command, e.g. when it could not be published. */
  fail(id: number, error: Error): void {
    this.settle(id)?.reject(error);
  }

  /** Rejects every command still waiting. */
  failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.fail(id, error);
  }

  private settle(id: number): PendingAck | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  }
}
