import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const interop = join(root, 'interop');

/** The .NET programs the interop tests run, each a project under interop/. */
export const projects = {
  client: { dir: join(interop, 'dotnet'), name: 'Hubdeck.Interop.Client' },
  server: { dir: join(interop, 'aspnetcore'), name: 'Hubdeck.Interop.Server' },
} as const;
export type Project = (typeof projects)[keyof typeof projects];

/** Whether the .NET tests run, and if not, why: they need `dotnet`, and HUBDECK_REQUIRE_DOTNET=1 makes its absence a failure. */
export function dotnetAvailability(): { readonly run: true } | { readonly run: false; readonly reason: string } {
  const probe = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return { run: true };
  const reason = `dotnet is not on PATH (${probe.error?.message ?? probe.stderr.trim()})`;
  if (process.env.HUBDECK_REQUIRE_DOTNET === '1') throw new Error(`HUBDECK_REQUIRE_DOTNET=1 but ${reason}`);
  return { run: false, reason };
}

/** The built program of a project. */
export function programOf(project: Project): string {
  return join(project.dir, 'bin', 'Release', 'net10.0', `${project.name}.dll`);
}

/**
 * Builds the projects (Release) unless their programs are newer than every source they are built
 * from. Test files in parallel processes share one build through a lock directory.
 */
export async function buildDotnet(...wanted: Project[]): Promise<void> {
  const lock = join(interop, '.build-lock');
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} is still held after 10 minutes; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    for (const project of wanted) {
      if (!isStale(project)) continue;
      const csproj = join(project.dir, `${project.name}.csproj`);
      const build = await run('dotnet', ['build', csproj, '-c', 'Release', '-nologo', '-v', 'q', '-clp:ErrorsOnly'], 10 * 60_000);
      if (build.code !== 0) throw new Error(`dotnet build ${project.name} failed (${build.code}):\n${build.output}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isStale(project: Project): boolean {
  const program = programOf(project);
  if (!existsSync(program)) return true;
  const built = statSync(program).mtimeMs;
  const sources = [project.dir, join(interop, 'dotnet'), join(root, 'contracts', 'generated', 'csharp')];
  return sources.some((dir) => newestSource(dir) > built);
}

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name !== 'bin' && entry.name !== 'obj') newest = Math.max(newest, newestSource(join(dir, entry.name)));
    } else if (/\.(cs|csproj)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(join(dir, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Runs a command to its end; resolves with its exit code and everything it printed. */
export function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A .NET program running in the background, e.g. the ASP.NET Core server. */
export interface DotnetProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts a built program and waits until it prints "listening at URL". */
export async function startDotnet(project: Project, args: string[]): Promise<DotnetProcess> {
  const child: ChildProcess = spawn('dotnet', [programOf(project), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nothing else would end a process that never said where it listens.
      child.kill('SIGKILL');
      reject(new Error(`${project.name} did not start within 30 s:\n${output}`));
    }, 30_000);
    const look = () => {
      const match = /listening at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${project.name} exited before listening:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
