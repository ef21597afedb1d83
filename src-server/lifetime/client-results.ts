import { ClientError, ConnectionLostError, OperationCanceledError } from '../errors.js';
import type { CompletionMessage } from '../protocol/messages.js';

interface PendingResult {
  readonly connectionId: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

/** Client results awaiting a Completion, keyed by the server-chosen invocation id. */
export class ClientResults {
  private readonly pending = new Map<string, PendingResult>();
  private nextId = 0;

  /** A fresh invocation id; the prefix keeps it apart from ids clients choose for their calls. */
  newInvocationId(): string {
    return `s${++this.nextId}`;
  }

  /** Registers a pending result and returns the promise that `complete` or `failConnection` settles. */
  wait(connectionId: string, invocationId: string, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new OperationCanceledError('Invocation canceled by the server.'));
      const onAbort = () => {
        this.pending.delete(invocationId);
        reject(new OperationCanceledError('Invocation canceled by the server.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(invocationId, {
        connectionId,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
    });
  }

  /** Settles the pending result a client's Completion answers; `connectionId`, when known, must be the one asked. */
  complete(connectionId: string | undefined, completion: CompletionMessage): boolean {
    const entry = this.pending.get(completion.invocationId);
    if (!entry || (connectionId !== undefined && entry.connectionId !== connectionId)) return false;
    this.pending.delete(completion.invocationId);
    entry.cleanup();
    if (completion.error !== undefined) entry.reject(new ClientError(completion.error));
    else entry.resolve(completion.result);
    return true;
  }

  /** Rejects a pending result whose message could not be sent. */
  fail(invocationId: string, error: Error): void {
    const entry = this.pending.get(invocationId);
    if (!entry) return;
    this.pending.delete(invocationId);
    entry.cleanup();
    entry.reject(error);
  }

  /** Rejects everything a departed connection still owed. */
  failConnection(connectionId: string): void {
    for (const [id, entry] of this.pending) {
      if (entry.connectionId === connectionId) this.fail(id, new ConnectionLostError(`Connection '${connectionId}' disconnected.`));
    }
  }
}
