import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a child can be asked to do: method name to handler of one parameter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (params: any) => unknown>;

/** A TypeScript module running in its own Node process, answering requests over IPC. */
export interface Child<THandlers extends Handlers, TReady> {
  /** What the child announced once it was ready (a server's URL, say). */
  readonly ready: TReady;
  call<M extends keyof THandlers & string>(method: M, params: Parameters<THandlers[M]>[0]): Promise<Awaited<ReturnType<THandlers[M]>>>;
  /** Lets the child exit on its own (so --cpu-prof can write its profile), killing it if it lingers. */
  stop(): Promise<void>;
}

type FromChild = { kind: 'ready'; value: unknown } | { kind: 'reply'; id: number; result?: unknown; error?: string };
interface ToChild {
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}

const exitCleanups = new Set<() => void>();
// Whatever ends the benchmark (an error, Ctrl-C), nothing it started outlives it.
process.on('exit', () => {
  for (const cleanup of exitCleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Runs `kill` if the benchmark exits before the returned function is called. */
export function killOnExit(kill: () => void): () => void {
  exitCleanups.add(kill);
  return () => exitCleanups.delete(kill);
}

/** Starts `script` (a .ts file) in a child process and waits until it announces it is ready. */
export function startChild<THandlers extends Handlers, TReady = unknown>(
  script: string,
  options: { args?: readonly string[]; nodeFlags?: readonly string[]; readyTimeoutMs?: number } = {},
): Promise<Child<THandlers, TReady>> {
  const child = fork(script, [...(options.args ?? [])], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const forget = killOnExit(() => child.kill('SIGKILL'));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  void exited.then(() => {
    forget();
    for (const { reject } of pending.values()) reject(new Error(`${script} exited:\n${output}`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} was not ready within ${options.readyTimeoutMs ?? 20_000} ms:\n${output}`)), options.readyTimeoutMs ?? 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    void exited.then(() => fail(new Error(`${script} exited before it was ready:\n${output}`)));
    child.on('message', (message: FromChild) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(handle(message.value as TReady));
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result as never);
    });
  });

  function handle(ready: TReady): Child<THandlers, TReady> {
    return {
      ready,
      call: (method, params) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          child.send({ id, method, params } satisfies ToChild);
        }),
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (child.connected) child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}

const loadWorkerScript = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Starts a load generator process serving the `load` handlers of the scenario module at `moduleUrl`. */
export function startLoadWorker<THandlers extends Handlers>(moduleUrl: string): Promise<Child<THandlers, unknown>> {
  return startChild<THandlers>(loadWorkerScript, { args: [fileURLToPath(moduleUrl)] });
}

/**
 * The child's side: answers the parent's calls with `handlers`, announces `ready`, and exits
 * when the parent lets go of it.
 */
export function serveParent(handlers: Handlers, ready: unknown = null): void {
  const send = (message: FromChild) => process.send!(message);
  process.on('message', (message: ToChild) => {
    void (async () => {
      try {
        send({ kind: 'reply', id: message.id, result: await handlers[message.method]!(message.params) });
      } catch (error) {
        send({ kind: 'reply', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
  // process.exit rather than waiting for handles to close: sockets may be half-open, and
  // --cpu-prof writes its profile on exit.
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', value: ready });
}

/** Starts processes together, runs `use`, then stops every one that started, whatever happens. */
export async function withProcesses<T extends readonly { stop(): Promise<void> }[], R>(
  starting: { readonly [K in keyof T]: Promise<T[K]> },
  use: (...processes: T) => Promise<R>,
): Promise<R> {
  const settled = await Promise.allSettled(starting as readonly Promise<T[number]>[]);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return await use(...(started as unknown as T));
  } finally {
    await Promise.all(started.map((p) => p.stop()));
  }
}
