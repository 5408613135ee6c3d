/// <reference lib="webworker" />
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { applyImport, parentsFirst } from '@stockroom/shared/import/apply-import';
import { toRecords } from '@stockroom/shared/import/cells';
import { decodeText, type ParsedTable, parseTable } from '@stockroom/shared/import/decode';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import * as Y from 'yjs';
import {
  addOutcomes,
  chunksByOrder,
  chunksOf,
  EMPTY_OUTCOME,
  groupedSlices,
  mappedCells,
  type Outcome,
  orderKey,
  rejectedRowsCsv,
} from './import-plan.ts';
import { type FromWorker, NO_LOCAL_CATALOG, ToWorker } from './import-protocol.ts';
import { readLocalRoom } from './local-room.ts';

/**
 * Parses and validates an import off the main thread with the shared code, so the page
 * answers input throughout a 50,000-row file. Validation applies the rows to a scratch copy
 * of the device's catalog — exactly what the server will do — so every refusal is named
 * with its row and field before anything is sent. The parsed table stays here (the page
 * gets a preview), and the rejected-rows CSV is made here from it.
 */
declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
/** Rows validated between progress messages (and between scratch transactions). */
const SLICE = 2000;

let table: ParsedTable | null = null;

async function validate(message: Extract<ToWorker, { type: 'validate' }>): Promise<void> {
  if (!table) throw new Error('no file has been read yet');
  const { kind, mapping, id } = message;
  const doc = new Y.Doc();
  if ('update' in message.catalog) Y.applyUpdate(doc, message.catalog.update);
  else if (!(await readLocalRoom(message.catalog.database, doc))) throw new Error(NO_LOCAL_CATALOG);
  const catalog = new Catalog(doc);
  // Opening balances are checked against empty months: whether a movement is new is the
  // server's answer (it holds every month); what is wrong with a row is known here.
  const ledgers = new Map<string, LedgerPeriod>();
  const ledger = (p: string) => {
    let l = ledgers.get(p);
    if (!l) {
      l = new LedgerPeriod(new Y.Doc(), p);
      ledgers.set(p, l);
    }
    return l;
  };
  // Purchase orders likewise against an empty room: what is wrong with a row (or with an order,
  // refused whole) is known here; whether the order was imported before is the server's answer.
  const year = new Date().getUTCFullYear();
  const orders = new PurchasingRoom(new Y.Doc(), year);
  const all = toRecords(kind, table.rows, mapping);
  const records = kind === 'locations' ? parentsFirst(all) : all;
  let outcome: Outcome = EMPTY_OUTCOME;
  const now = new Date();
  const fileId = `preview-${table.rows.length}`;
  // An order's rows are tried together (it is imported whole), so no slice splits one.
  const slices =
    kind === 'purchase-orders'
      ? groupedSlices(records, (r) => orderKey(r.values.supplier, r.values.reference), SLICE)
      : groupedSlices(records, null, SLICE);
  let done = 0;
  for (const slice of slices) {
    doc.transact(() => {
      outcome = addOutcomes(
        outcome,
        applyImport(kind, slice, {
          catalog,
          ledger,
          purchasing: () => orders,
          fileId,
          actor: message.actor,
          now,
        }),
      );
    });
    done += slice.length;
    post({ type: 'progress', id, done, total: records.length });
  }
  catalog.destroy();
  const bad = new Set(outcome.rejected.map((r) => r.row));
  const rows = table.rows;
  const valid = records
    .filter((r) => !bad.has(r.row))
    .map((r) => ({ row: r.row, cells: mappedCells(kind, rows[r.row - 2] ?? [], mapping) }));
  outcome.rejected.sort((a, b) => a.row - b.row || (a.field < b.field ? -1 : 1));
  post({
    type: 'validated',
    id,
    outcome,
    valid:
      kind === 'purchase-orders'
        ? chunksByOrder(valid, message.chunkSize)
        : chunksOf(valid, message.chunkSize),
    validRows: valid.length,
  });
}

self.onmessage = async (event: MessageEvent<unknown>) => {
  const parsed = ToWorker.safeParse(event.data);
  if (!parsed.success) {
    post({ type: 'error', message: `import worker: bad message (${parsed.error.issues[0]?.message ?? ''})` });
    return;
  }
  const message = parsed.data;
  try {
    if (message.type === 'parse') {
      const { text, encoding } = decodeText(new Uint8Array(message.bytes));
      table = parseTable(text);
      post({
        type: 'parsed',
        id: message.id,
        preview: {
          headers: table.headers,
          sample: table.rows.slice(0, 10),
          rowCount: table.rows.length,
          delimiter: table.delimiter,
          encoding,
          problems: table.problems.slice(0, 50),
        },
      });
    } else if (message.type === 'validate') await validate(message);
    else {
      const t = table;
      const csv = t ? rejectedRowsCsv(t.headers, (line) => t.rows[line - 2], message.rejected) : '';
      post({ type: 'csv', id: message.id, csv });
    }
  } catch (error) {
    post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
