import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// electron-vite looks under src/ by default; Hubdeck's layout names each entry explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src-main/electron/main.ts') } },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads run as CommonJS.
      rollupOptions: { input: { index: resolve('src-main/electron/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
      externalizeDeps: true,
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      // The host also serves the renderer to browsers on the LAN: minified, and not only for Electron's Chromium.
      minify: true,
      target: 'es2022',
      rollupOptions: {
        input: { index: resolve('src-renderer/index.html') },
        // The charting library is most of the bundle and changes less often than the app: a chunk
        // of its own stays cached across app updates.
        output: { codeSplitting: { groups: [{ name: 'charts', test: /node_modules[\\/](recharts|d3-|victory-vendor)/ }] } },
      },
    },
    plugins: [react()],
  },
});
