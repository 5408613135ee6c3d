// @vitest-environment node
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cacheVersion, precacheEntries, serviceWorkerSource } from './precache.ts';
import { compileWorker, serviceWorkerPlugin } from './vite-plugin-sw.ts';

describe('precache list', () => {
  it('holds index.html, every built file and the public files, without maps or the worker', () => {
    expect(
      precacheEntries(
        ['assets/index-abc.js', 'assets/index-abc.js.map', 'assets/zxing-1.wasm', 'index.html', 'sw.js'],
        ['manifest.webmanifest', './icon.svg', '.DS_Store'],
      ),
    ).toEqual([
      'assets/index-abc.js',
      'assets/zxing-1.wasm',
      'icon.svg',
      'index.html',
      'manifest.webmanifest',
    ]);
  });

  it('gets a new version when any content changes, whatever the order', () => {
    const a = cacheVersion([
      ['index.html', '<html>'],
      ['a.js', 'x'],
    ]);
    expect(
      cacheVersion([
        ['a.js', 'x'],
        ['index.html', '<html>'],
      ]),
    ).toBe(a);
    expect(
      cacheVersion([
        ['index.html', '<html>'],
        ['a.js', 'y'],
      ]),
    ).not.toBe(a);
  });
});

describe('the vite plugin', () => {
  it('emits sw.js listing every file of the bundle', async () => {
    const plugin = serviceWorkerPlugin();
    const emitted: { fileName: string; source: string }[] = [];
    const bundle = {
      'assets/index-1.js': { type: 'chunk', code: 'console.log(1)' },
      'assets/index-2.css': { type: 'asset', source: 'body{}' },
      'index.html': { type: 'asset', source: '<html></html>' },
    };
    const hook = plugin.generateBundle as unknown as (this: unknown, o: unknown, b: unknown) => Promise<void>;
    (plugin.configResolved as unknown as (c: unknown) => void)({ publicDir: '/nonexistent-public-dir' });
    await hook.call({ emitFile: (f: { fileName: string; source: string }) => emitted.push(f) }, {}, bundle);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.fileName).toBe('sw.js');
    expect(emitted[0]!.source).toContain(
      'const PRECACHE = ["assets/index-1.js","assets/index-2.css","index.html"];',
    );
  });
});

/* A small fake of the service worker globals, enough to run the real worker code. */
function workerWorld(files: Record<string, string>) {
  const origin = 'https://stock.test';
  const stores = new Map<string, Map<string, Response>>();
  const network = { online: true, requests: [] as string[] };
  const urlOf = (r: Request | string) => (typeof r === 'string' ? r : r.url);
  const fakeFetch = async (r: Request | string) => {
    const url = urlOf(r);
    network.requests.push(url);
    if (!network.online) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname.slice(1) || 'index.html';
    const body = files[path];
    const response = body === undefined ? new Response('missing', { status: 404 }) : new Response(body);
    Object.defineProperty(response, 'type', { value: 'basic' });
    return response;
  };
  const caches = {
    async open(name: string) {
      const store = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, store);
      return {
        async addAll(requests: Request[]) {
          for (const r of requests) {
            const res = await fakeFetch(r);
            if (!res.ok) throw new TypeError(`precache failed: ${r.url}`);
            store.set(r.url, res);
          }
        },
        async put(r: Request | string, res: Response) {
          store.set(urlOf(r), res);
        },
      };
    },
    async match(r: Request | string) {
      for (const store of stores.values()) {
        const hit = store.get(urlOf(r));
        if (hit) return hit.clone();
      }
      return undefined;
    },
    async keys() {
      return [...stores.keys()];
    },
    async delete(name: string) {
      return stores.delete(name);
    },
  };
  const handlers = new Map<string, (e: unknown) => void>();
  const self = {
    addEventListener: (type: string, fn: (e: unknown) => void) => handlers.set(type, fn),
    registration: { scope: `${origin}/` },
    location: { origin },
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  const dispatch = async (type: string, extra: Record<string, unknown> = {}) => {
    let waited: Promise<unknown> = Promise.resolve();
    let responded: Promise<Response> | undefined;
    handlers.get(type)?.({
      ...extra,
      waitUntil: (p: Promise<unknown>) => {
        waited = p;
      },
      respondWith: (p: Promise<Response>) => {
        responded = p;
      },
    });
    await waited;
    return responded;
  };
  const request = (path: string, mode: 'navigate' | 'cors' = 'cors', method = 'GET') =>
    ({ url: `${origin}${path}`, mode, method }) as unknown as Request;
  return { self, caches, fakeFetch, stores, network, dispatch, request };
}

describe('the service worker', () => {
  it('precaches the app, starts offline, and never caches the API or sync', async () => {
    const files = { 'index.html': '<html>app</html>', 'assets/app-1.js': 'js', 'icon.svg': '<svg/>' };
    const world = workerWorld(files);
    const code = serviceWorkerSource(await compileWorker(), precacheEntries(Object.keys(files), []), 'v1');
    runInNewContext(code, {
      self: world.self,
      caches: world.caches,
      fetch: world.fakeFetch,
      Request,
      URL,
      setTimeout,
      clearTimeout,
    });

    await world.dispatch('install');
    expect([...world.stores.keys()]).toEqual(['stockroom-v1']);
    expect([...world.stores.get('stockroom-v1')!.keys()].sort()).toEqual([
      'https://stock.test/assets/app-1.js',
      'https://stock.test/icon.svg',
      'https://stock.test/index.html',
    ]);

    world.network.online = false;
    world.network.requests.length = 0;
    const page = await world.dispatch('fetch', { request: world.request('/', 'navigate') });
    expect(await page!.text()).toBe('<html>app</html>');
    const script = await world.dispatch('fetch', { request: world.request('/assets/app-1.js') });
    expect(await script!.text()).toBe('js');

    // API calls, sync sockets and writes are left to the browser: no respondWith at all.
    expect(await world.dispatch('fetch', { request: world.request('/api/items') })).toBeUndefined();
    expect(
      await world.dispatch('fetch', { request: world.request('/sync/catalog?token=x') }),
    ).toBeUndefined();
    expect(await world.dispatch('fetch', { request: world.request('/x', 'cors', 'POST') })).toBeUndefined();
    expect(
      await world.dispatch('fetch', {
        request: { url: 'https://cdn.example/x.js', mode: 'cors', method: 'GET' },
      }),
    ).toBeUndefined();

    // Online, navigations go to the network first.
    world.network.online = true;
    files['index.html'] = '<html>new</html>';
    const fresh = await world.dispatch('fetch', { request: world.request('/', 'navigate') });
    expect(await fresh!.text()).toBe('<html>new</html>');
  });

  it('drops the caches of older versions when a new one activates', async () => {
    const world = workerWorld({ 'index.html': 'x' });
    await world.caches.open('stockroom-old');
    await world.caches.open('someone-else');
    runInNewContext(serviceWorkerSource(await compileWorker(), ['index.html'], 'v2'), {
      self: world.self,
      caches: world.caches,
      fetch: world.fakeFetch,
      Request,
      URL,
      setTimeout,
      clearTimeout,
    });
    await world.dispatch('install');
    await world.dispatch('activate');
    expect([...world.stores.keys()].sort()).toEqual(['someone-else', 'stockroom-v2']);
  });
});
