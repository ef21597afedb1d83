import { fileURLToPath } from 'node:url';
import { startChild } from './child-processes.js';
import { cpuProfiling } from './cpu-profile.js';
import type { ServerMemory } from './servers/announce.js';
import { buildDotnet, dotnetAvailability, projects, startDotnet } from '../../test/interop/dotnet.js';

/** The systems under test, as the report names them. */
export type SystemName = 'Hubdeck' | 'raw ws' | 'Socket.IO' | 'ASP.NET Core';

const scripts: Record<Exclude<SystemName, 'ASP.NET Core'>, string> = {
  Hubdeck: fileURLToPath(new URL('./servers/hubdeck-server.ts', import.meta.url)),
  'raw ws': fileURLToPath(new URL('./servers/raw-ws-server.ts', import.meta.url)),
  'Socket.IO': fileURLToPath(new URL('./servers/socketio-server.ts', import.meta.url)),
};

export interface ServerOptions {
  /** Hubdeck only: the host's defences (rate limit, connections per address). */
  readonly attack?: boolean;
  /** Hubdeck only: a node of a Redis backplane cluster. */
  readonly redis?: { readonly url: string; readonly nodeName: string };
  /** Writes a V8 CPU profile of the whole process to this file when it stops. */
  readonly cpuProfile?: string;
}

/** A server under test, running in its own process. */
export interface RunningServer {
  readonly url: string;
  /** RSS and heap after full GCs in the server process. */
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

export async function startServer(system: SystemName, options: ServerOptions = {}): Promise<RunningServer> {
  if (system === 'ASP.NET Core') return startAspNetCore();
  const profiling = options.cpuProfile === undefined ? undefined : cpuProfiling(options.cpuProfile);
  const args = [...(options.attack ? ['--attack'] : []), ...(options.redis ? ['--redis', options.redis.url, '--name', options.redis.nodeName] : [])];
  const child = await startChild<{ memory: () => ServerMemory }, { url: string }>(scripts[system], {
    args,
    nodeFlags: ['--expose-gc', ...(profiling?.flags ?? [])],
  });
  return {
    url: child.ready.url,
    memory: () => child.call('memory', undefined),
    stop: async () => {
      await child.stop();
      await profiling?.collect();
    },
  };
}

/**
 * ASP.NET Core SignalR: interop/aspnetcore (Release build, default options), whose BenchHub has the
 * same Echo and Publish as Hubdeck's. Its memory comes from /bench/memory, read after a full GC.
 */
async function startAspNetCore(): Promise<RunningServer> {
  const dotnet = dotnetAvailability();
  if (!dotnet.run) throw new Error(`The ASP.NET Core rows need the .NET SDK: ${dotnet.reason}.`);
  await buildDotnet(projects.server);
  const server = await startDotnet(projects.server, []);
  return {
    url: server.url,
    memory: async () => (await (await fetch(`${server.url}/bench/memory`)).json()) as ServerMemory,
    stop: () => server.stop(),
  };
}

