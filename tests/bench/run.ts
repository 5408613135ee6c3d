/**
 * `pnpm bench`: runs every benchmark script and writes their figures into BENCHMARKS.md.
 * Scripts print figures only; nothing here asserts timings.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';

const sections: [string, () => Promise<{ run: () => Promise<string> }>][] = [
  ['catalog-ledger', () => import('./catalog-ledger.ts')],
  ['stocktake-load', () => import('./stocktake-load.ts')],
  ['first-render', () => import('./first-render.ts')],
  ['scanning', () => import('./scanning.ts')],
  ['server-vs-relay', () => import('./server-vs-relay.ts')],
];

const only = process.argv.slice(2);
const out: string[] = [];
for (const [name, load] of sections) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  const section = await (await load()).run();
  console.log(section);
  out.push(section);
}

const header = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}. Re-run with \`npm run bench\` ` +
    '(or `pnpm bench <section>` for one section).',
  '',
].join('\n');
if (!only.length)
  writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), `${header}\n${out.join('\n\n')}\n`);
