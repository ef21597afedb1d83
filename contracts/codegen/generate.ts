/**
 * `npm run codegen` writes contracts/generated/ (TypeScript, JSON Schema, AsyncAPI and C#) from the hub contracts;
 * `npm run codegen -- --check` only compares and fails when a generated file is stale.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts } from '../index.js';
import { type HubContract, checkContract } from '../schema.js';
import { emitAsyncApi } from './emit-asyncapi.js';
import { emitClient } from './emit-client.js';
import { csharpFileName, emitCSharp, emitCSharpRuntime } from './emit-csharp.js';
import { emitJsonSchema } from './emit-json-schema.js';
import { emitServer } from './emit-server.js';
import { emitTypes } from './emit-types.js';
import { emitValidators } from './emit-validators.js';
import { fileBase } from './naming.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'contracts', 'generated');

/** Every generated file of a contract, by file name. */
export function generate(contract: HubContract, version: string): Map<string, string> {
  checkContract(contract);
  const base = fileBase(contract);
  return new Map([
    [`${base}.types.ts`, emitTypes(contract)],
    [`${base}.client.ts`, emitClient(contract)],
    [`${base}.server.ts`, emitServer(contract)],
    [`${base}.validators.ts`, emitValidators(contract)],
    [`${base}.schema.json`, emitJsonSchema(contract)],
    [`${base}.asyncapi.json`, emitAsyncApi(contract, version)],
    [csharpFileName(contract), emitCSharp(contract)],
  ]);
}

/** Every generated file of every contract, and the C# formatters they share, by path under contracts/generated. */
export function generateAll(all: readonly HubContract[], version: string): Map<string, string> {
  return new Map([...all.flatMap((c) => [...generate(c, version)]), [csharpRuntimeFile, emitCSharpRuntime()]]);
}

const csharpRuntimeFile = 'csharp/Hubdeck.Contracts.g.cs';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const files = generateAll(contracts, version);
  const existing = new Set((await listFiles(outDir)).filter((f) => f !== 'README.md'));
  if (check) {
    const stale: string[] = [];
    for (const [name, content] of files) {
      const current = await readFile(join(outDir, name), 'utf8').catch(() => undefined);
      if (current !== content) stale.push(name);
    }
    for (const name of existing) if (!files.has(name)) stale.push(`${name} (no longer generated)`);
    if (stale.length > 0) {
      console.error(`Generated files are stale; run \`npm run codegen\`:\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`contracts/generated is up to date (${files.size} files).`);
    return;
  }
  for (const [name, content] of files) {
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), content);
  }
  for (const name of existing) if (!files.has(name)) await rm(join(outDir, name));
  console.log(`Wrote ${files.size} files to contracts/generated.`);
}

/** Paths of the files under `dir`, relative to it, with '/' between folders. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
