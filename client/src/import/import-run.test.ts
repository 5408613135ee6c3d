import { describe, expect, it } from 'vitest';
import { chunksOf, type Outcome } from './import-plan.ts';
import { runImport, type SendChunk } from './import-run.ts';

const rows = Array.from({ length: 5 }, (_, i) => ({ row: i + 2, cells: { sku: `S${i}`, name: 'n' } }));
const ok = (o: Partial<Outcome>) => ({
  ok: true as const,
  data: { created: 0, updated: 0, unchanged: 0, rejected: [], ...o },
});

function recorder(
  answer: (call: { dryRun: boolean; rows: Record<string, string>[] }) => ReturnType<SendChunk>,
) {
  const calls: { mode: string; dryRun: boolean; rows: number }[] = [];
  const send: SendChunk = (_kind, query, r) => {
    calls.push({ mode: query.mode, dryRun: query.dryRun, rows: r.length });
    return answer({ dryRun: query.dryRun, rows: r });
  };
  return { calls, send };
}

describe('applying an import in chunks', () => {
  it('only the valid rows: one request per chunk, progress after each, totals added up', async () => {
    const { calls, send } = recorder(async (c) => ok({ created: c.rows.length }));
    const progress: number[] = [];
    const res = await runImport({
      kind: 'items',
      mode: 'valid-only',
      chunks: chunksOf(rows, 2),
      send,
      onProgress: (n) => progress.push(n),
    });
    expect(calls).toEqual([
      { mode: 'valid-only', dryRun: false, rows: 2 },
      { mode: 'valid-only', dryRun: false, rows: 2 },
      { mode: 'valid-only', dryRun: false, rows: 1 },
    ]);
    expect(progress).toEqual([2, 4, 5]);
    expect(res).toEqual({
      outcome: { created: 5, updated: 0, unchanged: 0, rejected: [] },
      rowsDone: 5,
      stoppedBecause: null,
    });
  });

  it('all or nothing tries the whole file first and writes nothing when the server refuses a row', async () => {
    const { calls, send } = recorder(async (c) =>
      c.dryRun ? ok({ created: 4, rejected: [{ row: 5, field: 'sku', message: 'taken' }] }) : ok({}),
    );
    const res = await runImport({
      kind: 'items',
      mode: 'all-or-nothing',
      chunks: chunksOf(rows, 2),
      send,
      onProgress: () => {},
    });
    expect(calls).toEqual([{ mode: 'all-or-nothing', dryRun: true, rows: 5 }]);
    expect(res.outcome).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [{ row: 5, field: 'sku', message: 'taken' }],
    });
    expect(res.rowsDone).toBe(0);
  });

  it('stops at a chunk the server cannot take and says how far it got (rows of the file, not of the chunk)', async () => {
    let n = 0;
    const { send } = recorder(async (c) =>
      c.dryRun ? ok({}) : ++n === 2 ? { ok: false, message: 'offline' } : ok({ updated: c.rows.length }),
    );
    const res = await runImport({
      kind: 'items',
      mode: 'all-or-nothing',
      chunks: chunksOf(rows, 2),
      send,
      onProgress: () => {},
    });
    expect(res).toMatchObject({ rowsDone: 2, stoppedBecause: 'offline', outcome: { updated: 2 } });

    const { send: refusing } = recorder(async (c) =>
      c.dryRun ? ok({}) : ok({ created: 1, rejected: [{ row: 3, field: 'name', message: 'x' }] }),
    );
    const late = await runImport({
      kind: 'items',
      mode: 'all-or-nothing',
      chunks: chunksOf(rows, 2),
      send: refusing,
      onProgress: () => {},
    });
    expect(late.stoppedBecause).toMatch(/catalog changed/);
    expect(late.outcome.rejected).toEqual([{ row: 3, field: 'name', message: 'x' }]);
  });
});
