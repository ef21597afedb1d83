/**
 * `npm start`: the desktop app in development (electron-vite dev). Where no Electron binary is
 * available, it says so in one line and starts the headless host with the browser UI instead.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary(): string | undefined {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
if (electronBinary()) {
  run(process.execPath, [electronVite, 'dev', ...args]);
} else {
  console.log('Electron is not available here (its binary was never downloaded), so the headless host starts with the browser UI instead.');
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  run(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'headless.ts'), ...args]);
}
