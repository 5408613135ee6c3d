/**
 * Runs inside Chromium (bundled by first-render.ts with esbuild): the steps between the
 * stored rooms and the items list, with the same shared code the app runs, timed in the
 * browser. The app does not expose these timings, so this measures them on the same rooms,
 * in the same engine, to explain where its first render goes.
 */
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { StockFold } from '@stockroom/shared/ledger/stock';
import * as Y from 'yjs';
import { sortItems } from '../../client/src/catalog/item-list.ts';

export interface RoomSource {
  period: string;
  url: string;
}

export interface BrowserFoldFigures {
  /** Decode the catalog room into a Y.Doc. */
  decodeCatalogMs: number;
  /** `new Catalog(doc)`: zod-validate every item and location into the read index. */
  readCatalogMs: number;
  /** Sort the items for the list, as the items screen does. */
  sortItemsMs: number;
  /** Decode the current month's room into a Y.Doc. */
  decodeCurrentMs: number;
  /** `new LedgerPeriod(doc)`: zod-validate every movement of the current room. */
  readCurrentMs: number;
  /** Opening balance + this month's movements: what a device folds. One entry per run. */
  currentFoldMs: number[];
  /** Every movement of every room from zero: the upper bound. One entry per run. */
  allFoldMs: number[];
  currentMovements: number;
  allMovements: number;
  stockLines: number;
}

async function load(source: RoomSource): Promise<LedgerPeriod> {
  const update = new Uint8Array(await (await fetch(source.url)).arrayBuffer());
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return new LedgerPeriod(doc, source.period);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

async function measure(catalogUrl: string, rooms: RoomSource[], runs: number): Promise<BrowserFoldFigures> {
  const catalogUpdate = await fetchBytes(catalogUrl);
  let t = performance.now();
  const catalogDoc = new Y.Doc();
  Y.applyUpdate(catalogDoc, catalogUpdate);
  const decodeCatalogMs = performance.now() - t;
  t = performance.now();
  const catalog = new Catalog(catalogDoc);
  const readCatalogMs = performance.now() - t;
  t = performance.now();
  sortItems(catalog.items.values());
  const sortItemsMs = performance.now() - t;
  catalog.destroy();
  catalogDoc.destroy();

  const current = rooms.at(-1)!;
  const update = await fetchBytes(current.url);
  t = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const decodeCurrentMs = performance.now() - t;
  t = performance.now();
  const ledger = new LedgerPeriod(doc, current.period);
  const readCurrentMs = performance.now() - t;
  const currentMovements = [...ledger.movements.values()];
  const opening = ledger.opening()?.lines ?? [];

  const all: Movement[] = [];
  for (const room of rooms) all.push(...(await load(room)).movements.values());

  const currentFoldMs: number[] = [];
  const allFoldMs: number[] = [];
  let stockLines = 0;
  for (let i = 0; i <= runs; i++) {
    t = performance.now();
    stockLines = new StockFold(opening).applyAll(currentMovements).lines().length;
    const currentMs = performance.now() - t;
    t = performance.now();
    new StockFold().applyAll(all).lines();
    const allMs = performance.now() - t;
    if (i === 0) continue; // warm-up
    currentFoldMs.push(currentMs);
    allFoldMs.push(allMs);
  }
  return {
    decodeCatalogMs,
    readCatalogMs,
    sortItemsMs,
    decodeCurrentMs,
    readCurrentMs,
    currentFoldMs,
    allFoldMs,
    currentMovements: currentMovements.length,
    allMovements: all.length,
    stockLines,
  };
}

(globalThis as { stockroomFoldBench?: typeof measure }).stockroomFoldBench = measure;
