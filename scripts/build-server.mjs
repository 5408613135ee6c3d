// Bundles the server (and the shared domain it imports) into one ESM file; native and
// heavy Node-only packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/src/main.ts'],
  outfile: 'server/dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'ws'],
  banner: {
    // Aliased: bundled ESM packages (fflate) import `createRequire` themselves.
    js: "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);",
  },
  logLevel: 'info',
});
