import type { Db } from '../db/database.ts';

/** The device session that first wrote under a clientID in a room. */
export interface ClientOwner {
  session: string;
  username: string;
  device: string;
}

/**
 * Who owns each Yjs clientID of each room: the session whose connection first sent structs
 * under it. Yjs trusts the clientID a struct names, so without this a writer could add
 * structs at another device's next clock: that device's own later change would then be
 * taken for a duplicate and silently dropped, while it was told "saved" (issue 8, finding 4).
 */
export interface ClientOwners {
  owner(room: string, client: number): ClientOwner | undefined;
  /** Records the owner of clients nobody owns yet (the ones given are new to the room). */
  claim(room: string, clients: Iterable<number>, owner: ClientOwner): void;
  /** Drops a room's cache when it unloads (the rows stay). */
  forget(room: string): void;
}

/**
 * May `by` write under a clientID owned by `owner`? Its own session, or another session of
 * the same user on the same device: a reload or a new login keeps sending that device's
 * offline changes, and they are still that person's.
 */
export function mayWriteAs(owner: ClientOwner | undefined, by: ClientOwner): boolean {
  if (!owner) return true;
  return owner.session === by.session || (owner.username === by.username && owner.device === by.device);
}

export class SqliteClientOwners implements ClientOwners {
  private readonly cache = new Map<string, Map<number, ClientOwner>>();
  private readonly selectRoom;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.selectRoom = db.prepare('SELECT client, session, username, device FROM sync_clients WHERE room = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO sync_clients (room, client, session, username, device, claimed_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  owner(room: string, client: number): ClientOwner | undefined {
    return this.ofRoom(room).get(client);
  }

  claim(room: string, clients: Iterable<number>, owner: ClientOwner): void {
    const known = this.ofRoom(room);
    const fresh = [...clients].filter((c) => !known.has(c));
    if (!fresh.length) return;
    const now = Date.now();
    this.db.transaction(() => {
      for (const c of fresh) this.insert.run(room, c, owner.session, owner.username, owner.device, now);
    })();
    for (const c of fresh) known.set(c, owner);
  }

  forget(room: string): void {
    this.cache.delete(room);
  }

  private ofRoom(room: string): Map<number, ClientOwner> {
    let map = this.cache.get(room);
    if (!map) {
      map = new Map();
      for (const row of this.selectRoom.all(room) as (ClientOwner & { client: number })[]) {
        map.set(row.client, { session: row.session, username: row.username, device: row.device });
      }
      this.cache.set(room, map);
    }
    return map;
  }
}

export class MemoryClientOwners implements ClientOwners {
  private readonly owners = new Map<string, ClientOwner>();
  owner(room: string, client: number): ClientOwner | undefined {
    return this.owners.get(`${room}\u0000${client}`);
  }
  claim(room: string, clients: Iterable<number>, owner: ClientOwner): void {
    for (const c of clients) if (!this.owner(room, c)) this.owners.set(`${room}\u0000${c}`, owner);
  }
  forget(): void {}
}
