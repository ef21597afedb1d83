import { HttpTransportType, type HubConnection } from '@microsoft/signalr';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, nextCall } from '../support/hub-fixture.js';
import { type ScriptProcess, startScript } from '../support/script-process.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const packageDir = join(root, 'packages', 'signalr-server');
const consumerFiles = join(import.meta.dirname, 'consumer');

interface PackResult {
  readonly filename: string;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

// The package as a user gets it: packed, installed from the tarball into a project in the system's
// temp folder (which cannot reach the repository's sources), and used from JavaScript, CommonJS and
// TypeScript. The consumer's registry dependencies come from npm; the official client and the
// TypeScript compiler are the repository's own, to keep the run short.
describe('the packed package, installed into a fresh project', () => {
  const project = tempDir('hubdeck-consumer-');
  const timings: Record<string, number> = {};
  let packed: PackResult;
  let server: ScriptProcess;
  let hubUrl: string;

  async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = Math.round(performance.now() - started);
    }
  }

  beforeAll(async () => {
    const { stdout } = await timed('npm pack', () =>
      run('npm', ['pack', '--json', '--pack-destination', project.path], { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 }),
    );
    packed = (JSON.parse(stdout) as PackResult[])[0]!;
    writeFileSync(join(project.path, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await timed('npm install', () =>
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${packed.filename}`], { cwd: project.path }),
    );
    for (const file of ['server.mjs', 'require.cjs', 'consumer.ts']) copyFileSync(join(consumerFiles, file), join(project.path, file));
    server = await timed('start', () => startNodeScript(join(project.path, 'server.mjs'), project.path));
    hubUrl = `${server.captured}/hubs/echo`;
  }, 240_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    project.remove();
    console.log(`pack-and-install timings (ms): ${JSON.stringify(timings)}`);
  });

  it('ships compiled JavaScript, declarations, the README and the examples, and no tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const expected of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/redis.js', 'dist/adapters/express.js', 'dist/adapters/fastify.d.ts', 'examples/express.ts']) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((p) => p.includes('.test.') || p.endsWith('.ts') && p.startsWith('dist/') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs only its own dependencies: no app, no Redis client unless asked for', () => {
    const lock = JSON.parse(readFileSync(join(project.path, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const installed = Object.keys(lock.packages).filter(Boolean).map((p) => p.replace(/^.*node_modules\//, ''));
    expect(installed).toContain('ws');
    expect(installed).toContain('@msgpack/msgpack');
    for (const foreign of ['ioredis', 'electron', 'react', 'better-sqlite3', 'fastify', 'express']) expect(installed).not.toContain(foreign);
  });

  it.each([HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling].map((transport) => ({ transport, name: HttpTransportType[transport] })))(
    'serves the official client over $name: invocations, errors, streams and broadcasts',
    async ({ transport, name }) => {
      const client: HubConnection = await connect(hubUrl, { transport });
      try {
        expect(await client.invoke('echo', 'hi')).toBe(`hi (via ${name})`);
        await expect(client.invoke('echo', 7)).rejects.toThrow('Send text.');
        const items: number[] = [];
        await new Promise<void>((resolve, reject) => {
          client.stream<number>('countDown', 3).subscribe({ next: (n) => items.push(n), complete: resolve, error: reject });
        });
        expect(items).toEqual([3, 2, 1]);
        const heard = nextCall(client, 'heard');
        await client.invoke('shout', 'hello');
        expect(await heard).toEqual(['HELLO']);
      } finally {
        await client.stop();
      }
    },
  );

  it('loads from CommonJS through require() without loading the Redis client', async () => {
    const { stdout } = await run(process.execPath, ['require.cjs'], { cwd: project.path });
    expect(JSON.parse(stdout)).toEqual({ createHubServer: 'function', hub: 'function', expressHubs: 'function', keepAliveInterval: 15_000, loadedRedisClient: false });
  });

  it('keeps ioredis behind its own entry point', async () => {
    const attempt = run(process.execPath, ['--input-type=module', '-e', "await import('@hubdeck/signalr-server/redis')"], { cwd: project.path });
    await expect(attempt).rejects.toThrow(/Cannot find package 'ioredis'/);
  });

  it('type-checks a TypeScript consumer against the shipped declarations', async () => {
    mkdirSync(join(project.path, 'node_modules', '@types'), { recursive: true });
    symlinkSync(join(root, 'node_modules', '@types', 'node'), join(project.path, 'node_modules', '@types', 'node'), 'dir');
    writeFileSync(
      join(project.path, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await timed('tsc', () => run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project.path }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true })));
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  }, 300_000);
});

describe('the API reference', () => {
  it('builds from the doc comments, with every exported name documented', async () => {
    // typedoc.json turns warnings (an undocumented export, a public type that is not exported) into errors.
    const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const output = tempDir('hubdeck-api-');
    try {
      const { stdout } = await run(process.execPath, [typedoc, '--options', join(packageDir, 'typedoc.json'), '--out', output.path], { cwd: root });
      expect(stdout).not.toMatch(/warning|error/i);
      expect(readFileSync(join(output.path, 'index.html'), 'utf8')).toContain('@hubdeck/signalr-server');
    } finally {
      output.remove();
    }
  }, 300_000);
});

async function startNodeScript(script: string, cwd: string): Promise<ScriptProcess> {
  return startScript(script, { cwd, ready: /listening on (http:\/\/\S+)/, runner: [] });
}
