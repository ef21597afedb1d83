/** A client result another server awaits from a connection on this server. */
export interface RemoteInvocation {
  readonly invocationId: string;
  readonly connectionId: string;
  /** Where the answer goes. */
  readonly returnChannel: string;
  /** The protocol the answer is framed in: the connection's. */
  readonly protocolName: string;
}

/**
 * Client-result invocations that servers elsewhere await from connections on this server: where
 * each answer must go. Entries leave when the client answers or its connection ends.
 */
export class RemoteInvocations {
  private readonly pending = new Map<string, RemoteInvocation>();

  add(invocation: RemoteInvocation): void {
    this.pending.set(invocation.invocationId, invocation);
  }

  /** The return channel for the answer `connectionId` gave to `invocationId`, forgetting it; undefined if none is awaited. */
  take(connectionId: string, invocationId: string): string | undefined {
    const entry = this.pending.get(invocationId);
    if (entry?.connectionId !== connectionId) return undefined;
    this.pending.delete(invocationId);
    return entry.returnChannel;
  }

  /** What `connectionId` still owes, forgetting it: the connection has gone. */
  takeConnection(connectionId: string): RemoteInvocation[] {
    const owed: RemoteInvocation[] = [];
    for (const [invocationId, entry] of this.pending) {
      if (entry.connectionId !== connectionId) continue;
      owed.push(entry);
      this.pending.delete(invocationId);
    }
    return owed;
  }
}
