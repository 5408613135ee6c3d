// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES, type EngineName } from '../../client/src/scanning/decoder-engine.ts';
import { DAMAGES, damagedSet } from './fixtures/damaged-set.ts';
import { readCorrectly } from './fixtures/expected.ts';
import { pad, toRgba } from './fixtures/gray-image.ts';
import { nodeEngines } from './fixtures/node-engines.ts';
import { renderSymbol, TEST_SYMBOLS, type TestSymbolKey } from './fixtures/render-symbol.ts';

const engines = nodeEngines();
const SYMBOLS = Object.keys(TEST_SYMBOLS) as TestSymbolKey[];

/**
 * Mild damage @zxing/library does not read in this set with the app's settings (measured; the
 * C++ engine reads all of them). Without TRY_HARDER it never rotates, so upright 1D codes are
 * missed; GS1-128 on a camera-like backdrop fails its forward scan with a checksum error in
 * every row, so only the upside-down code reads; the rest are plain weaknesses.
 */
const ZXING_JS_GAPS: Partial<Record<TestSymbolKey, string[]>> = {
  code128: ['rotated 90°', 'low contrast 90–170'],
  ean13: ['rotated 90°'],
  qr: ['perspective 15%'],
  datamatrix: ['noise σ15'],
  gs1_128: [
    'clean',
    'rotated 8°',
    'rotated 90°',
    'blur σ1',
    'noise σ15',
    'low contrast 90–170',
    'small (70% size)',
    'perspective 15%',
  ],
};

const reads: Record<EngineName, Record<string, { read: number; total: number }>> = {
  'zxing-wasm': {},
  'zxing-js': {},
};

describe('both engines read a clean label of every symbology, GS1 separators intact', () => {
  for (const symbol of SYMBOLS) {
    for (const name of ENGINE_NAMES) {
      it(`${TEST_SYMBOLS[symbol].label} with ${name}`, async () => {
        const spec = TEST_SYMBOLS[symbol];
        const codes = await engines[name].decode(toRgba(pad(renderSymbol(spec.bcid, spec.text), 8)));
        expect(readCorrectly(symbol, codes), JSON.stringify(codes)).toBe(true);
      });
    }
  }
});

describe('damaged images (rotation, blur, noise, low contrast, small size, perspective)', () => {
  for (const symbol of SYMBOLS) {
    it(`${TEST_SYMBOLS[symbol].label}: each engine reads the mild damage it must`, async () => {
      const missed: Record<EngineName, string[]> = { 'zxing-wasm': [], 'zxing-js': [] };
      for (const c of damagedSet([symbol])) {
        const rgba = toRgba(c.image);
        for (const name of ENGINE_NAMES) {
          const ok = readCorrectly(symbol, await engines[name].decode(rgba));
          const tally = reads[name][symbol] ?? { read: 0, total: 0 };
          reads[name][symbol] = tally;
          tally.total++;
          if (ok) tally.read++;
          if (!ok && c.mild) missed[name].push(c.damage);
        }
      }
      expect(missed['zxing-wasm']).toEqual([]);
      expect(missed['zxing-js']).toEqual(ZXING_JS_GAPS[symbol] ?? []);
      // The default engine must read at least as many as the other (issue #5's acceptance bar).
      expect(reads['zxing-wasm'][symbol]!.read).toBeGreaterThanOrEqual(reads['zxing-js'][symbol]!.read);
    }, 60_000);
  }
});

describe('frames without a code', () => {
  it('yield no codes and no errors from either engine', async () => {
    const { backdrop } = await import('./fixtures/gray-image.ts');
    const empty = toRgba(backdrop(1280, 720));
    for (const name of ENGINE_NAMES) expect(await engines[name].decode(empty)).toEqual([]);
  });
});

afterAll(() => {
  const lines = [`read rates on ${DAMAGES.length} damage levels per symbology:`];
  for (const symbol of SYMBOLS) {
    const cell = (n: EngineName) => {
      const t = reads[n][symbol];
      return t ? `${t.read}/${t.total}` : '-';
    };
    lines.push(
      `  ${TEST_SYMBOLS[symbol].label.padEnd(15)} zxing-wasm ${cell('zxing-wasm')}  zxing-js ${cell('zxing-js')}`,
    );
  }
  console.log(lines.join('\n'));
});
