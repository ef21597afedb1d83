import { type ChildProcess, spawn } from 'node:child_process';

/** A program running as a child process. */
export interface ScriptProcess {
  /** What the first match of the pattern captured (say, the URL it listens on). */
  readonly captured: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  readonly output: () => string;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * Starts `script` with Node (under tsx unless `runner` says otherwise) and waits until its
 * output matches `ready`, whose first group is kept.
 */
export async function startScript(
  script: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number; runner?: readonly string[] },
): Promise<ScriptProcess> {
  const child = spawn(process.execPath, [...(options.runner ?? ['--import', 'tsx']), script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const captured = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${options.timeoutMs ?? 20_000} ms:\n${output}`)), options.timeoutMs ?? 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { captured, child, output: () => output, exited };
}
