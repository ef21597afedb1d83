/**
 * `npm run codegen` writes contracts/generated/ from the hub contracts;
 * `npm run codegen -- --check` only compares and fails when a generated file is stale.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts } from '../index.js';
import { type HubContract, checkContract } from '../schema.js';
import { emitAsyncApi } from './emit-asyncapi.js';
import { emitClient } from './emit-client.js';
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
  ]);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const files = new Map(contracts.flatMap((c) => [...generate(c, version)]));
  const existing = new Set((await readdir(outDir).catch(() => [] as string[])).filter((f) => f !== 'README.md'));
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
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of files) await writeFile(join(outDir, name), content);
  for (const name of existing) if (!files.has(name)) await rm(join(outDir, name));
  console.log(`Wrote ${files.size} files to contracts/generated.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
