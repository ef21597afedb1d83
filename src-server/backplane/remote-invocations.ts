/**
 * Client-result invocations that servers elsewhere await from connections on this server: where
 * each answer must go. Entries leave when the client answers or its connection ends.
 */
export class RemoteInvocations {
  private readonly pending = new Map<string, { readonly connectionId: string; readonly returnChannel: string }>();

  add(invocationId: string, connectionId: string, returnChannel: string): void {
    this.pending.set(invocationId, { connectionId, returnChannel });
  }

  /** The return channel for the answer `connectionId` gave to `invocationId`, forgetting it; undefined if none is awaited. */
  take(connectionId: string, invocationId: string): string | undefined {
    const entry = this.pending.get(invocationId);
    if (entry?.connectionId !== connectionId) return undefined;
    this.pending.delete(invocationId);
    return entry.returnChannel;
  }

  /** The return channels still owed an answer by `connectionId`, forgetting them: it has gone. */
  takeConnection(connectionId: string): Set<string> {
    const channels = new Set<string>();
    for (const [invocationId, entry] of this.pending) {
      if (entry.connectionId !== connectionId) continue;
      channels.add(entry.returnChannel);
      this.pending.delete(invocationId);
    }
    return channels;
  }
}
