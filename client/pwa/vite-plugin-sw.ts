import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transform } from 'esbuild';
import type { Plugin, ResolvedConfig } from 'vite';
import { cacheVersion, precacheEntries, serviceWorkerSource } from './precache.ts';

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** Compiles the worker (TypeScript, no imports) to plain JavaScript. */
export async function compileWorker(path = new URL('./sw.ts', import.meta.url)): Promise<string> {
  const source = readFileSync(path, 'utf8');
  const result = await transform(source, { loader: 'ts', target: 'es2022', format: 'esm' });
  return result.code;
}

/**
 * Emits `sw.js` with the list of every file the build produced (and the public folder),
 * so the service worker can precache the whole app. Runs last, after index.html is emitted.
 */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'stockroom:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_options, bundle) {
      const publicDir = config?.publicDir;
      const publicFiles = publicDir ? listFiles(publicDir) : [];
      const contents: [string, string | Uint8Array][] = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        contents.push([fileName, output.type === 'chunk' ? output.code : output.source]);
      }
      for (const file of publicFiles) contents.push([relative(publicDir!, file), readFileSync(file)]);
      const entries = precacheEntries(
        Object.keys(bundle),
        publicFiles.map((f) => relative(publicDir!, f)),
      );
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: serviceWorkerSource(await compileWorker(), entries, cacheVersion(contents)),
      });
    },
  };
}
