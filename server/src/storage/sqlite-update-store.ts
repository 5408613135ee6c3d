import type { Db } from '../db/database.ts';
import type { UpdateStore } from './update-store.ts';

/** Append-only update rows per room in SQLite; compaction swaps them for one row in a transaction. */
export class SqliteUpdateStore implements UpdateStore {
  private readonly selectRows;
  private readonly insertRow;
  private readonly deleteRows;
  private readonly selectRooms;
  private readonly selectAny;
  private readonly compactTx;
  private readonly batchTx;

  constructor(db: Db) {
    this.batchTx = db.transaction((fn: () => void) => fn());
    this.selectRows = db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM room_updates WHERE room = ? ORDER BY id',
    );
    this.insertRow = db.prepare<[string, Uint8Array, number]>(
      'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)',
    );
    this.deleteRows = db.prepare<[string]>('DELETE FROM room_updates WHERE room = ?');
    this.selectRooms = db.prepare<[], { room: string }>(
      'SELECT DISTINCT room FROM room_updates ORDER BY room',
    );
    this.selectAny = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM room_updates WHERE room = ? LIMIT 1',
    );
    this.compactTx = db.transaction((room: string, merged: Uint8Array) => {
      this.deleteRows.run(room);
      this.insertRow.run(room, merged, Date.now());
    });
  }

  load(room: string): Uint8Array[] {
    return this.selectRows
      .all(room)
      .map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.length));
  }

  append(room: string, update: Uint8Array): void {
    this.insertRow.run(room, update, Date.now());
  }

  compact(room: string, mergedState: Uint8Array): void {
    this.compactTx(room, mergedState);
  }

  batch(fn: () => void): void {
    this.batchTx(fn);
  }

  rooms(): string[] {
    return this.selectRooms.all().map((r) => r.room);
  }

  has(room: string): boolean {
    return this.selectAny.get(room) !== undefined;
  }
}
