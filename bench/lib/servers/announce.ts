import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from '../child-processes.js';

/** The server process's memory, read after full garbage collections. */
export interface ServerMemory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** Starts `server` on a free loopback port; resolves with its base URL. */
export function listenOnLoopback(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** Tells the benchmark where this server listens, and answers its memory readings. */
export function announceServer(url: string): void {
  serveParent({ memory: readMemory }, { url });
}

function readMemory(): ServerMemory {
  if (!globalThis.gc) throw new Error('The server must run with --expose-gc.');
  // A second pass collects what the first one's finalizers released.
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
