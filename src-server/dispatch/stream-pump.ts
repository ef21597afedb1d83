import type { HubConnectionContext } from '../connection/hub-connection-context.js';
import { MessageType } from '../protocol/messages.js';

/**
 * Writes a server-to-client stream's items to the caller until the stream ends or `signal`
 * aborts. At most `capacity` items may be written and not yet flushed to the network; past that
 * the stream is not pulled, so a slow client slows the producer. Errors of the stream propagate.
 */
export async function pumpStream(
  connection: Pick<HubConnectionContext, 'write'>,
  invocationId: string,
  items: AsyncIterable<unknown>,
  signal: AbortSignal,
  capacity: number,
): Promise<void> {
  let unflushed = 0;
  let resume: (() => void) | undefined;
  const wake = () => {
    const waiting = resume;
    resume = undefined;
    waiting?.();
  };
  const flushed = () => {
    unflushed--;
    wake();
  };
  signal.addEventListener('abort', wake, { once: true });
  try {
    for await (const item of items) {
      if (signal.aborted) break;
      unflushed++;
      connection.write({ type: MessageType.StreamItem, invocationId, item }, flushed);
      while (unflushed >= capacity && !signal.aborted) await new Promise<void>((resolve) => (resume = resolve));
      if (signal.aborted) break;
    }
  } finally {
    signal.removeEventListener('abort', wake);
  }
}
