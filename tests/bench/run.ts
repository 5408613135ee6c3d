/**
 * `pnpm bench`: runs every benchmark script and writes their figures into BENCHMARKS.md.
 * Scripts print figures only; nothing here asserts timings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const sections: [string, () => Promise<{ run: () => Promise<string> }>][] = [
  ['catalog-ledger', () => import('./catalog-ledger.ts')],
  ['stocktake-load', () => import('./stocktake-load.ts')],
  ['first-render', () => import('./first-render.ts')],
  ['scanning', () => import('./scanning.ts')],
  ['server-vs-relay', () => import('./server-vs-relay.ts')],
  ['write-guard', () => import('./write-guard.ts')],
  ['reports', () => import('./reports.ts')],
  ['import', () => import('./import.ts')],
  ['browser', () => import('./browser.ts')],
];

const only = process.argv.slice(2);
const file = new URL('../../BENCHMARKS.md', import.meta.url);
const MARK = /^<!-- section: ([a-z0-9-]+) \(measured ([0-9-]+)\) -->$/;

/** The sections already in BENCHMARKS.md, by name (a partial run keeps the others). */
function existingSections(): Map<string, string> {
  const out = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  let name: string | null = null;
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = MARK.exec(line);
    if (m) {
      if (name) out.set(name, lines.join('\n').trimEnd());
      name = m[1]!;
      lines = [line];
    } else if (name) lines.push(line);
  }
  if (name) out.set(name, lines.join('\n').trimEnd());
  return out;
}

const today = new Date().toISOString().slice(0, 10);
const sectionsNow = existingSections();
for (const [name, load] of sections) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  const section = await (await load()).run();
  console.log(section);
  sectionsNow.set(name, `<!-- section: ${name} (measured ${today}) -->\n${section}`);
}

const header = [
  '# Benchmarks',
  '',
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}. Each section says when it was measured. ` +
    'Re-run with `npm run bench` (or `pnpm bench <section> …` for some sections).',
  '',
].join('\n');
const ordered = sections.map(([name]) => sectionsNow.get(name)).filter((s): s is string => s !== undefined);
writeFileSync(file, `${header}\n${ordered.join('\n\n')}\n`);
