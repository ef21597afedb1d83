import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSettings } from './report.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The file a server named `name` profiles to, or undefined when this run does not profile. */
export function profileFile(settings: BenchSettings, name: string): string | undefined {
  return settings.profileDir === undefined ? undefined : join(settings.profileDir, `${name}.cpuprofile`);
}

/**
 * Node flags that CPU-profile a process, and `collect`, which after the process exited keeps its
 * main thread's profile as `file`. The tsx loader runs in a thread of its own, which --cpu-prof
 * profiles too, so each process writes its profiles into a directory of its own first.
 */
export function cpuProfiling(file: string): { readonly flags: readonly string[]; collect(): Promise<void> } {
  const dir = `${file}.threads`;
  return {
    flags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    async collect() {
      // Node names profiles CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the main thread is 0.
      const main = (await readdir(dir)).find((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
      if (main) await rename(join(dir, main), file);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Where a profile's busy time went: by area (Hubdeck, ws, Node, GC) and by function, self time only. */
export interface ProfileSummary {
  readonly file: string;
  readonly busyMs: number;
  readonly areas: ReadonlyArray<{ readonly area: string; readonly ms: number; readonly share: number }>;
  readonly functions: ReadonlyArray<{ readonly name: string; readonly location: string; readonly area: string; readonly ms: number; readonly share: number }>;
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string } }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Reads a V8 .cpuprofile and totals self time per function; idle time is left out of every share. */
export async function summarizeProfile(file: string, top = 20): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const selfMicros = new Map<number, number>();
  // Sample i lasted until sample i + 1 was taken.
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const byFunction = new Map<string, { name: string; location: string; area: string; micros: number }>();
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id);
    const { functionName, url } = node.callFrame;
    if (!micros || functionName === '(idle)') continue;
    // Files only: positions in code that tsx compiled do not match the TypeScript source.
    const location = url ? shortPath(url) : '';
    const key = `${functionName} ${location}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', location, area: areaOf(functionName, url), micros: 0 };
    entry.micros += micros;
    byFunction.set(key, entry);
  }
  const busy = [...byFunction.values()].reduce((sum, f) => sum + f.micros, 0);
  const areas = new Map<string, number>();
  for (const f of byFunction.values()) areas.set(f.area, (areas.get(f.area) ?? 0) + f.micros);
  return {
    file: relative(repoRoot, file),
    busyMs: busy / 1000,
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, micros]) => ({ area, ms: micros / 1000, share: micros / busy })),
    functions: [...byFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map(({ name, location, area, micros }) => ({ name, location, area, ms: micros / 1000, share: micros / busy })),
  };
}

function shortPath(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
}

function areaOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return 'V8 (program)';
  if (url.includes('/src-server/')) return 'src-server';
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return dependency[1]!;
  if (url.startsWith('node:')) return 'Node.js';
  if (url === '') return 'native';
  return 'other';
}
