import type { ImportKind } from '@stockroom/shared/import/fields';
import { addOutcomes, type Chunk, EMPTY_OUTCOME, fileRows, type Outcome } from './import-plan.ts';

/**
 * Applying an import: through the API (POST /api/import/{kind}) in fixed-size chunks.
 *
 * Why the API and not the local rooms: the server applies each chunk with the same shared
 * code in one transaction per room, against the state every device has sent it (not this
 * device's possibly stale copy); it opens the ledger months of back-dated opening balances
 * itself; it audits each chunk; and each chunk reaches other devices as one modest sync
 * update, where writing 50,000 records locally would push one multi-megabyte update through
 * the sync server's message limit and write guard. The price: an import needs a connection
 * (the screen says so). Chunks keep the progress bar honest: a bar moves when the server has
 * written the rows, not when they left the browser.
 */

export type Mode = 'all-or-nothing' | 'valid-only';

export type SendChunk = (
  kind: ImportKind,
  query: { mode: Mode; dryRun: boolean },
  rows: Record<string, string>[],
) => Promise<{ ok: true; data: Outcome } | { ok: false; message: string }>;

export interface RunResult {
  outcome: Outcome;
  /** Rows the server wrote or found unchanged. */
  rowsDone: number;
  /** Why the run stopped early (a chunk the server could not take), or null when it finished. */
  stoppedBecause: string | null;
}

/**
 * Sends the chunks one after the other. All-or-nothing first asks the server to try every
 * row (a dry run of the whole file against its current state) and writes only if it refuses
 * none; a chunk refused after that (someone changed the catalog meanwhile) stops the run and
 * says how far it got, as what was written before stays written.
 */
export async function runImport(args: {
  kind: ImportKind;
  mode: Mode;
  chunks: readonly Chunk[];
  send: SendChunk;
  onProgress: (rowsDone: number) => void;
}): Promise<RunResult> {
  const { kind, mode, chunks, send, onProgress } = args;
  if (mode === 'all-or-nothing') {
    const all: Chunk = { rows: chunks.flatMap((c) => c.rows), cells: chunks.flatMap((c) => c.cells) };
    const trial = await send(kind, { mode, dryRun: true }, all.cells);
    if (!trial.ok) return { outcome: EMPTY_OUTCOME, rowsDone: 0, stoppedBecause: trial.message };
    if (trial.data.rejected.length)
      return {
        outcome: { ...EMPTY_OUTCOME, rejected: fileRows(all, trial.data.rejected) },
        rowsDone: 0,
        stoppedBecause: null,
      };
  }
  let outcome = EMPTY_OUTCOME;
  let rowsDone = 0;
  for (const chunk of chunks) {
    const res = await send(kind, { mode, dryRun: false }, chunk.cells);
    if (!res.ok) return { outcome, rowsDone, stoppedBecause: res.message };
    outcome = addOutcomes(outcome, { ...res.data, rejected: fileRows(chunk, res.data.rejected) });
    rowsDone += chunk.rows.length;
    onProgress(rowsDone);
    if (mode === 'all-or-nothing' && res.data.rejected.length)
      return {
        outcome,
        rowsDone,
        stoppedBecause:
          'the server refused rows it had accepted a moment ago (the catalog changed meanwhile)',
      };
  }
  return { outcome, rowsDone, stoppedBecause: null };
}
