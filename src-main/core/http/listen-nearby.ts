import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BoundAddress, HubServer } from '../../../src-server/index.js';

/** Listens on `port`, or the next free one of the following 19 when it is taken. */
export async function listenNearby(
  server: HubServer,
  port: number,
  host: string,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<BoundAddress> {
  for (let candidate = port; ; candidate++) {
    try {
      return await server.listen({ port: candidate, host }, fallback);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || port === 0 || candidate >= port + 19) throw error;
    }
  }
}
