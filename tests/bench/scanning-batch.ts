/**
 * Issue 15, batch mode, part of `pnpm bench scanning`: one 1280×720 frame holding twelve labels
 * from the project's label renderer (tests/e2e/support/batch-scene.ts, the frame the batch e2e
 * plays through the fake camera). Codes read and ms per frame with the batch decoder options,
 * in Node and in Chromium through the real decoder worker, beside the single-scan options on the
 * same frame; the cost of an empty frame in batch mode; the tracker's cost per frame.
 * Prints figures; asserts nothing.
 */
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { BatchTracker } from '@stockroom/shared/scanning/batch-tracker';
import {
  BATCH_DECODER_OPTIONS,
  DEFAULT_DECODER_OPTIONS,
  type DecodedCode,
  type DecoderOptions,
} from '../../client/src/scanning/decoder-engine.ts';
import { BATCH_H, BATCH_LABELS, BATCH_W, batchScene } from '../e2e/support/batch-scene.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { backdrop, toRgba } from '../scanning/fixtures/gray-image.ts';
import { nodeEngines } from '../scanning/fixtures/node-engines.ts';
import {
  BENCH_PAGE,
  buildScanningHarness,
  HARNESS_DIR,
  serveHarness,
} from '../scanning/harness/harness-server.ts';
import { percentile, table } from './measure.ts';

const RUNS = 10;
const TEXTS = new Set(BATCH_LABELS.map((l) => l.data));
const f1 = (v: number) => v.toFixed(1);
const med = (v: number[]) => percentile(v, 50);

/** Distinct codes read correctly (and anything read that is not on the shelf). */
function score(codes: DecodedCode[]): { read: number; wrong: number } {
  const texts = new Set(codes.map((c) => c.text));
  return {
    read: [...texts].filter((t) => TEXTS.has(t)).length,
    wrong: [...texts].filter((t) => !TEXTS.has(t)).length,
  };
}

interface Figures {
  codes: DecodedCode[];
  ms: number[];
}

type Mode = 'batch' | 'single';
const SINGLE: DecoderOptions = { ...DEFAULT_DECODER_OPTIONS, extraPasses: false };

async function measureNode(shelf: ReturnType<typeof toRgba>, empty: ReturnType<typeof toRgba>) {
  const out = {} as Record<Mode, { shelf: Figures; empty: Figures }>;
  for (const [mode, options] of [
    ['batch', BATCH_DECODER_OPTIONS],
    ['single', SINGLE],
  ] as const) {
    const engine = nodeEngines(options)['zxing-wasm'];
    const one = async (frame: typeof shelf): Promise<Figures> => {
      await engine.scan(frame);
      const f: Figures = { codes: [], ms: [] };
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        f.codes = (await engine.scan(frame)).codes;
        f.ms.push(performance.now() - t);
      }
      return f;
    };
    out[mode] = { shelf: await one(shelf), empty: await one(empty) };
    engine.dispose();
  }
  return out;
}

async function measureChromium(shelf: ReturnType<typeof toRgba>, empty: ReturnType<typeof toRgba>) {
  const dir = await buildScanningHarness(`${HARNESS_DIR}-bench-batch`);
  const bytes = new Map<string, Uint8Array>([
    ['shelf', new Uint8Array(shelf.data.buffer, shelf.data.byteOffset, shelf.data.byteLength)],
    ['empty', new Uint8Array(empty.data.buffer, empty.data.byteOffset, empty.data.byteLength)],
  ]);
  const server = await serveHarness(dir, bytes);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${BENCH_PAGE}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
    const refs = ['shelf', 'empty'].map((name) => ({ name, width: BATCH_W, height: BATCH_H }));
    const out = {} as Record<Mode, { shelf: Figures; empty: Figures }>;
    for (const mode of ['batch', 'single'] as const) {
      const r = (await page.evaluate(
        ([refs, runs, mode]) =>
          (
            window as unknown as {
              batch: (r: unknown, n: number, m: string) => Promise<unknown>;
            }
          ).batch(refs, runs, mode),
        [refs, RUNS, mode] as const,
      )) as Record<string, { workerMs: number[]; codes: DecodedCode[] }>;
      out[mode] = {
        shelf: { codes: r.shelf!.codes, ms: r.shelf!.workerMs },
        empty: { codes: r.empty!.codes, ms: r.empty!.workerMs },
      };
    }
    return { figures: out, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** µs per frame for the tracker with twelve codes in view (pure JS; what the page adds per frame). */
function trackerCost(codes: DecodedCode[]): number {
  const tracker = new BatchTracker<DecodedCode>();
  const frames = 5000;
  const start = performance.now();
  for (let i = 0; i < frames; i++) {
    tracker.push(codes, i * 100);
    tracker.visible();
  }
  return ((performance.now() - start) * 1000) / frames;
}

export async function batchSection(): Promise<string> {
  const shelf = toRgba(batchScene());
  const empty = toRgba(backdrop(BATCH_W, BATCH_H, 5));
  const node = await measureNode(shelf, empty);
  const browser = await measureChromium(shelf, empty);
  const rows = (['batch', 'single'] as const).map((mode) => {
    const n = node[mode];
    const c = browser.figures[mode];
    const read = (f: Figures) => {
      const s = score(f.codes);
      return `${s.read}/${TEXTS.size}${s.wrong ? ` (+${s.wrong} wrong)` : ''}`;
    };
    return [
      mode === 'batch'
        ? '**batch** (try harder, up to 64 symbols, whole frame)'
        : 'single-scan options (up to 4 symbols)',
      read(n.shelf),
      f1(med(n.shelf.ms)),
      read(c.shelf),
      f1(med(c.shelf.ms)),
      f1(percentile(c.shelf.ms, 90)),
      f1(med(c.empty.ms)),
    ];
  });
  const perFrame = med(browser.figures.batch.shelf.ms);
  return [
    '## Scanning: batch mode, a frame with 12 codes (issue 15)',
    '',
    `One 1280×720 frame, twelve labels of the project's label renderer in a 3 × 4 grid (5 Code 128 and 3 QR, one of each a bin label, ` +
      `2 EAN-13, 2 Data Matrix; tests/e2e/support/batch-scene.ts, the frame the batch e2e ` +
      `plays through the fake camera). zxing-wasm, whole frame decoded; Chromium ${browser.version} through the ` +
      `app's decoder worker (time in the worker, including drawing and reading the pixels). Medians of ${RUNS} ` +
      'runs after a warm-up.',
    '',
    table(
      [
        'options',
        'Node: codes read',
        'Node: ms',
        'Chromium: codes read',
        'Chromium: ms',
        'Chromium: ms p90',
        'Chromium: empty frame ms',
      ],
      rows,
    ),
    '',
    `A code counts once read in two frames, so all twelve are counted about ${f1(2 * perFrame)} ms of decoding ` +
      `after the shelf comes into view. The tracker adds ${trackerCost(browser.figures.batch.shelf.codes).toFixed(1)} µs ` +
      'a frame (Node, 12 codes in view).',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await batchSection());
}
