import { ExpectedSnapshots, type Snapshot } from '@stockroom/shared/stocktake/snapshot';
import { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { expectedRoom, STOCKTAKES_ROOM, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { Workspace } from '../sync/workspace.ts';
import { createTicker } from '../ui/ticker.ts';

/** Going from the list to a stocktake and back should not reload the room from IndexedDB. */
const KEEP_WARM_MS = 15_000;

interface RoomModel {
  onChange(listener: () => void): () => void;
  destroy(): void;
}

export interface OpenRoom<T> {
  connection: RoomConnection;
  /** Null until the local copy has loaded: nothing is read or written before that. */
  model: Accessor<T | null>;
  /** Changes (at most once per frame) when the room's content changes. */
  tick: Accessor<number>;
  /** Changes when the connection, pending count or acknowledgements change. */
  syncTick: Accessor<number>;
}

/** Opens a room for as long as the calling component lives (shared with other screens holding it). */
export function useRoom<T extends RoomModel>(
  ws: Workspace,
  name: string,
  make: (doc: Y.Doc) => T,
): OpenRoom<T> {
  const { connection, release } = ws.acquire(name);
  const [model, setModel] = createSignal<T | null>(null);
  const [tick, bumpTick] = createTicker();
  const [syncTick, bumpSync] = createTicker();
  let disposed = false;
  let offModel: (() => void) | undefined;
  let instance: T | undefined;
  const offSync = connection.onChange(bumpSync);
  void connection.whenLocal.then(() => {
    if (disposed) return;
    instance = make(connection.doc);
    offModel = instance.onChange(bumpTick);
    setModel(() => instance!);
  });
  onCleanup(() => {
    disposed = true;
    offSync();
    offModel?.();
    instance?.destroy();
    setTimeout(release, KEEP_WARM_MS);
  });
  return { connection, model, tick, syncTick };
}

/** A stocktake room; its expected quantities are in another room (useExpectedSnapshots), never written here. */
export function useStocktakeRoom(ws: Workspace, id: string): OpenRoom<StocktakeRoom> {
  return useRoom(ws, stocktakeRoom(id), (doc) => new StocktakeRoom(doc, id, null));
}

/**
 * The expected-stock snapshots of a stocktake (room `expected-<id>`, written by the server),
 * read while `enabled` says this person may see them: managers, and counters of a stocktake
 * that is not blind. Empty until they arrive.
 */
export function useExpectedSnapshots(
  ws: Workspace,
  id: string,
  enabled: Accessor<boolean>,
): Accessor<Snapshot[]> {
  const [snapshots, setSnapshots] = createSignal<Snapshot[]>([]);
  createEffect(() => {
    if (!enabled()) return;
    const { connection, release } = ws.acquire(expectedRoom(id));
    let model: ExpectedSnapshots | undefined;
    let off: (() => void) | undefined;
    let disposed = false;
    void connection.whenLocal.then(() => {
      if (disposed) return;
      const m = new ExpectedSnapshots(connection.doc, id);
      model = m;
      const update = () => setSnapshots([...m.values()]);
      update();
      off = m.events.onChange(update);
    });
    onCleanup(() => {
      disposed = true;
      off?.();
      model?.destroy();
      setSnapshots([]);
      setTimeout(release, KEEP_WARM_MS);
    });
  });
  return snapshots;
}

export function useStocktakeIndex(ws: Workspace): OpenRoom<StocktakeIndex> {
  return useRoom(ws, STOCKTAKES_ROOM, (doc) => new StocktakeIndex(doc));
}
