import { createHash } from 'node:crypto';

/** Files never worth precaching: source maps, the worker itself, dotfiles. */
function worthPrecaching(file: string): boolean {
  return !file.endsWith('.map') && file !== 'sw.js' && !file.split('/').some((part) => part.startsWith('.'));
}

/**
 * Everything the app needs to start with the network off: every file of the build plus the
 * public folder (manifest, icons) and index.html. Paths are relative to the app's base URL.
 */
export function precacheEntries(bundleFiles: Iterable<string>, publicFiles: Iterable<string>): string[] {
  const all = new Set<string>(['index.html']);
  for (const file of [...bundleFiles, ...publicFiles]) {
    const normalised = file.replaceAll('\\', '/').replace(/^\.?\//, '');
    if (normalised && worthPrecaching(normalised)) all.add(normalised);
  }
  return [...all].sort();
}

/** A version that changes whenever any precached byte changes, so the worker installs anew. */
export function cacheVersion(contents: Iterable<[string, string | Uint8Array]>): string {
  const hash = createHash('sha256');
  for (const [name, content] of [...contents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(name);
    hash.update('\0');
    hash.update(content);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The worker script: the list and version as constants in front of the compiled worker code. */
export function serviceWorkerSource(workerCode: string, entries: readonly string[], version: string): string {
  return [
    `const PRECACHE = ${JSON.stringify(entries)};`,
    `const CACHE_VERSION = ${JSON.stringify(version)};`,
    workerCode,
  ].join('\n');
}
