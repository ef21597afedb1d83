// The import rules of the repository, checked by `npm run check:imports` (part of `npm test`).
// The README's architecture section describes the same layers; change both together.

// The hub server's layers, lowest first. A layer may import itself and the layers it lists.
// "base" is the leaf modules at the root of src-server (errors, error texts, log, options,
// clock, shared types, stats), which every layer may use. The entry points (below) are above
// every layer and may import them all.
const serverLayers = {
  base: { path: '^src-server/(?!hub-server\\.ts$|index\\.ts$|redis\\.ts$)[^/]+\\.ts$', imports: [] },
  protocol: { path: '^src-server/protocol/', imports: ['base'] },
  security: { path: '^src-server/security/', imports: ['base'] },
  transport: { path: '^src-server/transport/', imports: ['base', 'security'] },
  connection: { path: '^src-server/connection/', imports: ['base', 'protocol', 'security', 'transport'] },
  lifetime: { path: '^src-server/lifetime/', imports: ['base', 'protocol'] },
  dispatch: { path: '^src-server/dispatch/', imports: ['base', 'protocol', 'connection', 'lifetime'] },
  backplane: { path: '^src-server/backplane/', imports: ['base', 'protocol', 'lifetime'] },
};

// What the package exports (its exports map): the only modules of src-server the app, the
// scripts and the contracts may import. They and hub-server.ts sit above every layer.
const publicEntryPoints = '^src-server/(index|redis)\\.ts$|^src-server/adapters/(express|fastify)\\.ts$';

function allowedPaths(layer) {
  return [layer, ...serverLayers[layer].imports].map((name) => serverLayers[name].path);
}

const layerRules = Object.keys(serverLayers).map((layer) => ({
  name: `server-layer-${layer}`,
  comment: `src-server/${layer} may import only: ${[layer, ...serverLayers[layer].imports].join(', ')}.`,
  severity: 'error',
  from: { path: serverLayers[layer].path, pathNot: '\\.test\\.ts$' },
  to: { path: '^src-server/', pathNot: allowedPaths(layer) },
}));

// Tests beside a module may reach its neighbours' internals, but not a higher layer.
const testLayerRules = Object.keys(serverLayers).map((layer) => ({
  name: `server-layer-${layer}-tests`,
  comment: `Tests in src-server/${layer} may import only what the layer itself may.`,
  severity: 'error',
  from: { path: [`${serverLayers[layer].path}.*\\.test\\.ts$`] },
  to: { path: '^src-server/', pathNot: allowedPaths(layer) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle, type-only imports included, means two modules cannot be understood or tested apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    ...testLayerRules,
    {
      name: 'server-is-a-library',
      comment: 'The hub server knows nothing of the app, its contracts or its tests.',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^(src-main|src-renderer|contracts|test|e2e|bench|scripts)/' },
    },
    {
      name: 'redis-only-in-backplane',
      comment: 'Scale-out lives behind the lifetime-manager contract; nothing else touches Redis.',
      severity: 'error',
      from: { pathNot: '^(src-server/backplane/|test/|bench/)' },
      to: { path: 'node_modules/ioredis/' },
    },
    {
      name: 'server-through-its-public-api',
      comment: "The app uses the hub server as any embedder would: through the package's entry points (index, redis, express, fastify).",
      severity: 'error',
      from: { path: '^(src-main|src-renderer|contracts|scripts)/' },
      to: { path: '^src-server/', pathNot: publicEntryPoints },
    },
    {
      name: 'core-without-electron',
      comment: 'The host core runs headless; only the Electron shell imports electron.',
      severity: 'error',
      from: { path: '^src-main/(?!electron/)' },
      to: { path: ['node_modules/electron/', '^src-main/electron/'] },
    },
    {
      name: 'renderer-over-signalr',
      comment: 'The renderer reaches the host over SignalR through the generated client, never by import.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-server|src-main|test|e2e|bench|scripts)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Contracts are shared by server and clients, so they import neither.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(src-main|src-renderer|test|e2e|bench|scripts)/' },
    },
    {
      name: 'desktop-bridge-types-only',
      comment: 'The bridge between the shell and its windows is a description; each side builds its own values.',
      severity: 'error',
      from: {},
      to: { path: '^contracts/desktop-bridge\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would fail at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a cycle through types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|test-results|bench/results)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
