import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** A headless host running as a child process, as `npm run host` starts it. */
export interface HostProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  readonly output: () => string;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** The token of the owner link it printed last: the owner's rights, as its operator has them. */
  readonly ownerToken: () => string;
}

/** Starts `src-main/headless.ts` with `args` and waits for the URL it prints. */
export async function startHostProcess(args: string[]): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'headless.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start in time:\n${output}`)), 20_000);
    const look = () => {
      // The banner ends with the owner link.
      const match = /listening at (http:\/\/\S+)[\s\S]*owner link[^\n]*#token=\S+\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (${code}) before listening:\n${output}`));
    });
  });
  const ownerToken = () => [...output.matchAll(/#token=(\S+)/g)].at(-1)?.[1] ?? '';
  return { url, child, output: () => output, exited, ownerToken };
}
