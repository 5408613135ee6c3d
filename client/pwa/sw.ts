/*
 * The service worker. Built by vite-plugin-sw.ts, which puts PRECACHE (every file of the
 * build, index.html, manifest and icons) and CACHE_VERSION in front of this code.
 *
 * - install: precache everything, so one online visit is enough to start offline;
 * - navigations: network first (fresh app when online), the precached index.html otherwise;
 * - other same-origin GETs: cache first (file names carry content hashes);
 * - /api and /sync are never touched: data goes through Yjs and IndexedDB, not this cache.
 */
declare const PRECACHE: string[];
declare const CACHE_VERSION: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `stockroom-${CACHE_VERSION}`;
const NAVIGATION_TIMEOUT_MS = 3000;

const scoped = (path: string) => new URL(path, sw.registration.scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((p) => new Request(scoped(p), { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('stockroom-') && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

function bypassed(url: URL): boolean {
  if (url.origin !== sw.location.origin) return true;
  const base = new URL(sw.registration.scope).pathname;
  const path = url.pathname.startsWith(base) ? `/${url.pathname.slice(base.length)}` : url.pathname;
  return /^\/(api|sync)(\/|$)/.test(path) || /^\/(api|sync)(\/|$)/.test(url.pathname);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function navigation(request: Request): Promise<Response> {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    const shell = await caches.match(scoped('index.html'));
    return shell ?? response;
  } catch (error) {
    const shell = await caches.match(scoped('index.html'));
    if (shell) return shell;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (bypassed(url)) return;
  event.respondWith(request.mode === 'navigate' ? navigation(request) : asset(request));
});
