/**
 * Issue 5 benchmark: both decoder engines side by side in one run, in Node and in Chromium
 * (through the real decoder worker, page served from our own origin): ms per 720p frame with
 * no code and with a code, and the read rate on the damaged image set per symbology. Also how
 * long resolving a scan takes on a 50,000-item catalog. Prints figures; asserts nothing.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { createScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import {
  DEFAULT_DECODER_OPTIONS,
  DEFAULT_ENGINE,
  type DecodedCode,
  ENGINE_NAMES,
  type EngineName,
} from '../../client/src/scanning/decoder-engine.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { DAMAGES, damagedSet } from '../scanning/fixtures/damaged-set.ts';
import { readCorrectly } from '../scanning/fixtures/expected.ts';
import { backdrop, compose, type GrayImage, pad, rotate, toRgba } from '../scanning/fixtures/gray-image.ts';
import { nodeEngines } from '../scanning/fixtures/node-engines.ts';
import { renderSymbol, TEST_SYMBOLS, type TestSymbolKey } from '../scanning/fixtures/render-symbol.ts';
import { BENCH_PAGE, buildScanningHarness, serveHarness } from '../scanning/harness/harness-server.ts';
import { buildCatalog, sku } from './fixtures.ts';
import { percentile, table } from './measure.ts';
import { batchSection } from './scanning-batch.ts';

const EMPTY_RUNS = 15;
const DEFAULT_ENGINE_NAME: EngineName = DEFAULT_ENGINE;
const CODE_RUNS = 8;
const SYMBOLS = Object.keys(TEST_SYMBOLS) as TestSymbolKey[];

interface Frame {
  name: string;
  image: GrayImage;
}

/** 1280×720 frames: one without a code, one per symbology with its label in the middle. */
function hdFrames(): { empty: Frame; coded: (Frame & { symbol: TestSymbolKey })[] } {
  const scene = backdrop(1280, 720, 42);
  return {
    empty: { name: 'empty-720p', image: scene },
    coded: SYMBOLS.map((symbol) => {
      const spec = TEST_SYMBOLS[symbol];
      return {
        name: `720p-${symbol}`,
        symbol,
        image: compose(scene, pad(renderSymbol(spec.bcid, spec.text), 8)),
      };
    }),
  };
}

type Timings = Record<EngineName, { empty: number[]; coded: Record<string, number[]>; missed: string[] }>;
type ReadRates = Record<EngineName, Record<TestSymbolKey, { read: number; total: number }>>;

function emptyRates(): ReadRates {
  const zero = () =>
    Object.fromEntries(SYMBOLS.map((s) => [s, { read: 0, total: 0 }])) as ReadRates[EngineName];
  return { 'zxing-wasm': zero(), 'zxing-js': zero() };
}

async function measureNode(frames: ReturnType<typeof hdFrames>, damaged: ReturnType<typeof damagedSet>) {
  const engines = nodeEngines();
  const timings = {} as Timings;
  for (const name of ENGINE_NAMES) {
    const engine = engines[name];
    const empty = toRgba(frames.empty.image);
    await engine.decode(empty);
    const t: Timings[EngineName] = { empty: [], coded: {}, missed: [] };
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const start = performance.now();
      await engine.decode(empty);
      t.empty.push(performance.now() - start);
    }
    for (const f of frames.coded) {
      const rgba = toRgba(f.image);
      const runs: number[] = [];
      let codes: DecodedCode[] = [];
      for (let i = 0; i < CODE_RUNS; i++) {
        const start = performance.now();
        codes = await engine.decode(rgba);
        runs.push(performance.now() - start);
      }
      t.coded[f.symbol] = runs;
      if (!readCorrectly(f.symbol, codes)) t.missed.push(f.symbol);
    }
    timings[name] = t;
  }
  const rates = emptyRates();
  for (const c of damaged) {
    const rgba = toRgba(c.image);
    for (const name of ENGINE_NAMES) {
      const tally = rates[name][c.symbol];
      tally.total++;
      if (readCorrectly(c.symbol, await engines[name].decode(rgba))) tally.read++;
    }
  }
  // The same engines trying harder: what the app gives up by not doing so.
  const harder = nodeEngines({ ...DEFAULT_DECODER_OPTIONS, tryHarder: true });
  const harderRows: string[][] = [];
  for (const name of ENGINE_NAMES) {
    const engine = harder[name];
    const empty = toRgba(frames.empty.image);
    await engine.decode(empty);
    const times: number[] = [];
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const start = performance.now();
      await engine.decode(empty);
      times.push(performance.now() - start);
    }
    let read = 0;
    for (const c of damaged) if (readCorrectly(c.symbol, await engine.decode(toRgba(c.image)))) read++;
    const appRead = SYMBOLS.reduce((n, s) => n + rates[name][s].read, 0);
    harderRows.push([
      name,
      `${percentile(times, 50).toFixed(1)} (vs ${percentile(timings[name].empty, 50).toFixed(1)})`,
      `${read}/${damaged.length} (vs ${appRead})`,
    ]);
  }
  return { timings, rates, harderRows };
}

async function measureChromium(frames: ReturnType<typeof hdFrames>, damaged: ReturnType<typeof damagedSet>) {
  await buildScanningHarness();
  const bytes = new Map<string, Uint8Array>();
  const refs = (list: Frame[]) =>
    list.map((f) => {
      const { data } = toRgba(f.image);
      bytes.set(f.name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return { name: f.name, width: f.image.width, height: f.image.height };
    });
  const emptyRefs = refs([frames.empty]);
  const codedRefs = refs(frames.coded);
  const damagedFrames = damaged.map((c, i) => ({ ...c, name: `damaged-${i}` }));
  const damagedRefs = refs(damagedFrames.map((c) => ({ name: c.name, image: c.image })));

  const server = await serveHarness(undefined, bytes);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const foreign: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(server.origin)) foreign.push(r.url());
    });
    await page.goto(`${server.origin}${BENCH_PAGE}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
    const timings = {} as Timings;
    const workerInit = {} as Record<EngineName, number>;
    const roundTrip = {} as Record<EngineName, number[]>;
    for (const name of ENGINE_NAMES) {
      type Timed = {
        initMs: number;
        frames: Record<string, { decodeMs: number[]; roundTripMs: number[]; codes: DecodedCode[] }>;
      };
      const call = (list: typeof emptyRefs, runs: number) =>
        page.evaluate(
          ([engine, frameRefs, n]) =>
            (window as unknown as { timeFrames: (...a: unknown[]) => Promise<unknown> }).timeFrames(
              engine,
              frameRefs,
              n,
            ),
          [name, list, runs] as const,
        ) as Promise<Timed>;
      const empty = await call(emptyRefs, EMPTY_RUNS);
      const coded = await call(codedRefs, CODE_RUNS);
      workerInit[name] = empty.initMs;
      roundTrip[name] = empty.frames[frames.empty.name]!.roundTripMs;
      timings[name] = {
        empty: empty.frames[frames.empty.name]!.decodeMs,
        coded: Object.fromEntries(frames.coded.map((f) => [f.symbol, coded.frames[f.name]!.decodeMs])),
        missed: frames.coded
          .filter((f) => !readCorrectly(f.symbol, coded.frames[f.name]!.codes))
          .map((f) => f.symbol),
      };
    }
    const rates = emptyRates();
    for (const name of ENGINE_NAMES) {
      const read = (await page.evaluate(
        ([engine, frameRefs]) =>
          (window as unknown as { readAll: (...a: unknown[]) => Promise<unknown> }).readAll(
            engine,
            frameRefs,
          ),
        [name, damagedRefs] as const,
      )) as Record<string, DecodedCode[]>;
      for (const c of damagedFrames) {
        const tally = rates[name][c.symbol];
        tally.total++;
        if (readCorrectly(c.symbol, read[c.name] ?? [])) tally.read++;
      }
    }
    const version = browser.version();
    return {
      timings,
      rates,
      workerInit,
      roundTrip,
      foreign,
      version,
      wasmServed: server.requests.some((r) => r.endsWith('.wasm')),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

type Run = { decodeMs: number; codes: DecodedCode[]; pass: string };
const PASS_RUNS = 60;
const HOLD_FRAMES = 16;

/**
 * Issue 15: the extra passes (rotated / enlarged aiming region when the plain pass reads
 * nothing), off and on, side by side in one Chromium page through the real worker. Empty
 * frames: a whole 720p frame, and the aiming region the camera actually sends at 720p and
 * 1080p. Tilted codes: frames to the first read and to an accepted scan (read in two frames),
 * with the worker time spent until then. The damaged set: read within 8 frames of holding it.
 */
async function measurePasses(damaged: ReturnType<typeof damagedSet>) {
  const frames: Frame[] = [
    { name: 'empty 1280×720 frame', image: backdrop(1280, 720, 42) },
    { name: 'empty aiming region of a 720p frame (1024×432)', image: backdrop(1024, 432, 43) },
    { name: 'empty aiming region of a 1080p frame (1536×648)', image: backdrop(1536, 648, 44) },
  ];
  const tilt = (symbol: TestSymbolKey, degrees: number): Frame & { symbol: TestSymbolKey } => {
    const spec = TEST_SYMBOLS[symbol];
    const code = rotate(pad(renderSymbol(spec.bcid, spec.text, { module: 2 }), 8), degrees);
    return { name: `${spec.label} at ${degrees}°`, symbol, image: compose(backdrop(1024, 432, 45), code) };
  };
  const tilted = [tilt('code128', 25), tilt('code128', -40), tilt('ean13', 25), tilt('gs1_128', -25)];
  const damagedFrames = damaged.map((c, i) => ({ ...c, name: `damaged-${i}` }));
  const bytes = new Map<string, Uint8Array>();
  const refs = (list: Frame[]) =>
    list.map((f) => {
      const { data } = toRgba(f.image);
      bytes.set(f.name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return { name: f.name, width: f.image.width, height: f.image.height };
    });
  const emptyRefs = refs(frames);
  const tiltedRefs = refs(tilted);
  const damagedRefs = refs(damagedFrames);
  const server = await serveHarness(undefined, bytes);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${BENCH_PAGE}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
    const sequence = (list: typeof emptyRefs, repeat: number, extra: boolean) =>
      page.evaluate(
        ([engine, frameRefs, n, on]) =>
          (window as unknown as { sequence: (...a: unknown[]) => Promise<unknown> }).sequence(
            engine,
            frameRefs,
            n,
            on,
          ),
        [DEFAULT_ENGINE_NAME, list, repeat, extra] as const,
      ) as Promise<Record<string, Run[]>>;
    const modes = [false, true] as const;
    const out = {
      empty: [] as string[][],
      meanOn: [] as number[],
      tilted: [] as string[][],
      damaged: [] as string[][],
    };
    const empty = await Promise.all(modes.map((m) => sequence(emptyRefs, PASS_RUNS, m)));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    for (const f of frames) {
      const [off, on] = empty.map((r) => r[f.name]!.slice(2).map((x) => x.decodeMs)); // after 2 warm-up frames
      out.meanOn.push(mean(on!));
      out.empty.push([
        f.name,
        ...[off!, on!].flatMap((v) => [f1(mean(v)), f1(percentile(v, 90))]),
        `${(mean(on!) / mean(off!)).toFixed(2)}×`,
      ]);
    }
    for (const mode of modes) {
      const runs = await sequence(tiltedRefs, HOLD_FRAMES, mode);
      for (const t of tilted) {
        const r = runs[t.name]!;
        const reads = r.flatMap((x, i) => (readCorrectly(t.symbol, x.codes) ? [i] : []));
        const until = (i: number | undefined) =>
          i === undefined
            ? `not in ${HOLD_FRAMES} frames`
            : `frame ${i + 1}, ${f1(r.slice(0, i + 1).reduce((a, x) => a + x.decodeMs, 0))} ms`;
        out.tilted.push([
          t.name,
          mode ? 'on' : 'off',
          until(reads[0]),
          until(reads[1]),
          reads.length ? [...new Set(reads.map((i) => r[i]!.pass))].join(', ') : '–',
        ]);
      }
    }
    const byDamage = new Map<string, number[]>();
    for (const [k, mode] of modes.entries()) {
      const runs = await sequence(damagedRefs, 8, mode);
      for (const c of damagedFrames) {
        const row = byDamage.get(c.damage) ?? [0, 0, 0];
        if (runs[c.name]!.some((x) => readCorrectly(c.symbol, x.codes))) row[k]!++;
        if (k === 0) row[2]!++;
        byDamage.set(c.damage, row);
      }
    }
    const total = [0, 0, 0];
    for (const [damage, [off, on, n]] of byDamage) {
      out.damaged.push([damage, `${off}/${n}`, `${on}/${n}`]);
      total[0]! += off!;
      total[1]! += on!;
      total[2]! += n!;
    }
    out.damaged.push(['all', `**${total[0]}/${total[2]}**`, `**${total[1]}/${total[2]}**`]);
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

function passesSection(p: Awaited<ReturnType<typeof measurePasses>>): string {
  return [
    '## Scanning: extra passes for tilted and small codes (issue 15)',
    '',
    `Chromium, ${DEFAULT_ENGINE_NAME} in the app's decoder worker, extra passes off (before) and on (after) in the same ` +
      'run. With them on, a frame whose plain pass reads nothing gets one more decode of the aiming region rotated ' +
      '(±22.5°, ±45°) or its central part stretched horizontally (2×, 3×, bicubic), in turn, looking for 1D ' +
      'codes only. Worker time per frame ' +
      `(decode plus the resampling), ${PASS_RUNS - 2} frames after 2 warm-up frames.`,
    '',
    table(['empty frame', 'off: mean ms', 'off: p90', 'on: mean ms', 'on: p90', 'on / off'], p.empty),
    '',
    `Target: under 15 ms mean per empty 720p frame with the extra passes: ${f1(p.meanOn[1]!)} ms for the aiming ` +
      `region the camera sends at 720p — ${p.meanOn[1]! < 15 ? 'met' : 'NOT met'}; ${f1(p.meanOn[0]!)} ms for a whole ` +
      `1280×720 frame (not what the camera decodes) — ${p.meanOn[0]! < 15 ? 'met' : 'NOT met'}.`,
    '',
    `### A tilted code held still (module 2 px, in a 1024×432 aiming region): frames until read, and worker time until then`,
    '',
    'A scan is accepted when read in two frames within a second; the worker time excludes the wait for the next ' +
      'camera frame (33 ms at 30 fps).',
    '',
    table(['code', 'extra passes', 'first read', 'second read (scan accepted)', 'read by'], p.tilted),
    '',
    '### The damaged set, each image held for 8 frames: read at least once',
    '',
    table(['damage', 'extra passes off', 'extra passes on'], p.damaged),
  ].join('\n');
}

function resolverFigures(): string[][] {
  const doc = buildCatalog(50_000, 2_000);
  const catalog = new Catalog(doc);
  const resolver = new ScanResolver(catalog);
  const start = performance.now();
  resolver.resolve({ raw: 'warm-up' });
  const buildMs = performance.now() - start;
  const scans = [
    createScanEvent({ raw: '4006381049999', source: 'camera' }),
    createScanEvent({ raw: sku(31_337), source: 'wedge' }),
    createScanEvent({ raw: 'LOCB-1999', source: 'camera' }),
    createScanEvent({ raw: ']C10109501101530003\x1d10LOT', source: 'camera' }),
    createScanEvent({ raw: 'nothing-here', source: 'manual' }),
  ];
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = scans[i % scans.length]!;
    const t = performance.now();
    resolver.resolve(s);
    times.push(performance.now() - t);
  }
  const update = performance.now();
  catalog.patchItem(sku(7), { barcodes: ['NEW-BARCODE'] });
  resolver.resolve({ raw: 'NEW-BARCODE' });
  const updateMs = performance.now() - update;
  resolver.destroy();
  catalog.destroy();
  return [
    ['build the scan index (50k items, 2k bins; once, on first scan)', `${buildMs.toFixed(0)} ms`],
    [
      'resolve one scan (barcode, SKU, bin, GS1 GTIN, unknown), median',
      `${(percentile(times, 50) * 1000).toFixed(1)} µs`,
    ],
    ['resolve one scan, p99', `${(percentile(times, 99) * 1000).toFixed(1)} µs`],
    ['edit an item, then resolve its new barcode (index patched, not rebuilt)', `${updateMs.toFixed(2)} ms`],
  ];
}

const f1 = (v: number) => v.toFixed(1);
const med = (values: number[]) => percentile(values, 50);

/** The engine that should be the default: faster on empty frames and reading at least as much everywhere. */
function verdict(
  chromiumTimings: Timings,
  rates: ReadRates[],
): { engine: EngineName | null; reasons: string[] } {
  const reasons: string[] = [];
  for (const candidate of ENGINE_NAMES) {
    const other = ENGINE_NAMES.find((e) => e !== candidate)!;
    const faster = med(chromiumTimings[candidate].empty) < med(chromiumTimings[other].empty);
    const readsAsMuch = rates.every((r) => SYMBOLS.every((s) => r[candidate][s].read >= r[other][s].read));
    if (faster && readsAsMuch) {
      reasons.push(
        `${candidate} is faster on an empty 720p frame in Chromium (${f1(med(chromiumTimings[candidate].empty))} vs ` +
          `${f1(med(chromiumTimings[other].empty))} ms) and reads at least as many damaged codes as ${other} ` +
          'for every symbology, in Node and in Chromium.',
      );
      return { engine: candidate, reasons };
    }
  }
  reasons.push('neither engine is both faster and at least as good on every symbology: pick by hand.');
  return { engine: null, reasons };
}

export async function run(): Promise<string> {
  const frames = hdFrames();
  const damaged = damagedSet();
  const node = await measureNode(frames, damaged);
  const browser = await measureChromium(frames, damaged);
  const choice = verdict(browser.timings, [node.rates, browser.rates]);
  const passes = await measurePasses(damaged);

  const speedRows = ENGINE_NAMES.map((e) => {
    const codedAll = (t: Timings) => SYMBOLS.flatMap((s) => t[e].coded[s] ?? []);
    return [
      e === DEFAULT_ENGINE ? `**${e}** (default)` : e,
      f1(med(node.timings[e].empty)),
      f1(med(codedAll(node.timings))),
      f1(med(browser.timings[e].empty)),
      f1(percentile(browser.timings[e].empty, 90)),
      f1(med(browser.roundTrip[e])),
      f1(med(codedAll(browser.timings))),
      f1(browser.workerInit[e]),
    ];
  });
  const perSymbolRows = SYMBOLS.map((s) => [
    TEST_SYMBOLS[s].label,
    ...ENGINE_NAMES.flatMap((e) => [
      f1(med(node.timings[e].coded[s]!)) + (node.timings[e].missed.includes(s) ? ' (not read)' : ''),
      f1(med(browser.timings[e].coded[s]!)) + (browser.timings[e].missed.includes(s) ? ' (not read)' : ''),
    ]),
  ]);
  const rate = (r: { read: number; total: number }) =>
    `${r.read}/${r.total} (${Math.round((100 * r.read) / r.total)}%)`;
  const rateRows = SYMBOLS.map((s) => [
    TEST_SYMBOLS[s].label,
    ...ENGINE_NAMES.flatMap((e) => [rate(node.rates[e][s]), rate(browser.rates[e][s])]),
  ]);
  const totals = ENGINE_NAMES.flatMap((e) =>
    [node.rates, browser.rates].map((r) => {
      const sum = SYMBOLS.reduce(
        (acc, s) => ({ read: acc.read + r[e][s].read, total: acc.total + r[e][s].total }),
        {
          read: 0,
          total: 0,
        },
      );
      return `**${rate(sum)}**`;
    }),
  );
  rateRows.push(['all', ...totals]);
  const defaultEmpty = med(browser.timings[DEFAULT_ENGINE].empty);

  return [
    '## Scanning: decoder engines (issue 5)',
    '',
    `Node ${process.version} and Chromium ${browser.version} (decoding in the app's Web Worker, page and .wasm ` +
      `served from the benchmark's own origin), ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}. ` +
      'Both engines with the app settings (try harder off, 9 symbologies, GS1 on), plain pass only (the extra ' +
      'passes for tilted and small codes are measured in the next section). Frames are 1280×720 RGBA; ' +
      `the camera itself decodes only the aiming region (80 % × 60 % of the frame). Medians of ${EMPTY_RUNS} ` +
      `(empty) and ${CODE_RUNS} (with a code) runs after a warm-up.`,
    '',
    '### Milliseconds per 720p frame',
    '',
    table(
      [
        'engine',
        'Node: no code',
        'Node: with a code',
        'Chromium: no code',
        'Chromium: no code p90',
        'Chromium: no code, round trip via worker',
        'Chromium: with a code',
        'Chromium: worker start (wasm compile)',
      ],
      speedRows,
    ),
    '',
    `Target: under 15 ms per empty 720p frame for the default engine: ${f1(defaultEmpty)} ms in Chromium — ` +
      `${defaultEmpty < 15 ? 'met' : 'NOT met'}.`,
    '',
    '### Trying harder (Node): ms per empty 720p frame and damaged codes read, vs the app settings',
    '',
    table(['engine', 'no code, try harder', 'damaged set read, try harder'], node.harderRows),
    '',
    '### Milliseconds per 720p frame with a code, per symbology (Node / Chromium)',
    '',
    table(['symbology', ...ENGINE_NAMES.flatMap((e) => [`${e} Node`, `${e} Chromium`])], perSymbolRows),
    '',
    `### Read rate on the damaged set (${DAMAGES.length} damage levels per symbology: ${DAMAGES.map((d) => d.name).join(', ')})`,
    '',
    table(['symbology', ...ENGINE_NAMES.flatMap((e) => [`${e} Node`, `${e} Chromium`])], rateRows),
    '',
    '### Default engine',
    '',
    `Measured choice: **${choice.engine ?? 'undecided'}**. ${choice.reasons.join(' ')} ` +
      `The app's DEFAULT_ENGINE is \`${DEFAULT_ENGINE}\`${choice.engine === DEFAULT_ENGINE ? ' (matches).' : ' — DOES NOT MATCH the measurement: change client/src/scanning/decoder-engine.ts.'}`,
    '',
    `Requests leaving the page's origin during the Chromium run: ${browser.foreign.length} ` +
      `(${browser.wasmServed ? '.wasm served by us' : '.wasm NOT requested from us'}).`,
    '',
    '### Resolving a scan on a 50,000-item catalog (Node)',
    '',
    table(['operation', 'time'], resolverFigures()),
    '',
    passesSection(passes),
    '',
    await batchSection(),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await run());
}
