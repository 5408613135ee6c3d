/// <reference lib="webworker" />
import * as Y from 'yjs';

/**
 * Reads a room's updates from the device's IndexedDB (where y-indexeddb keeps them, database
 * `stockroom/<room>`, store `updates`) into a doc, read-only. The import worker loads the
 * catalog this way instead of the page encoding it: encoding a 50,000-item catalog room is
 * one synchronous ~0.3 s step on the page's thread (BENCHMARKS.md, import), reading it here
 * costs the page nothing. Not y-indexeddb itself: it writes the whole state back on load and
 * stores every later change, and the scratch doc the rows are tried on must never reach
 * the device's real copy. Resolves false when there is no such database.
 */
export function readLocalRoom(database: string, doc: Y.Doc): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(database);
    let created = false;
    open.onupgradeneeded = () => {
      // The database did not exist: leave nothing behind.
      created = true;
      open.transaction?.abort();
    };
    open.onerror = () => (created ? resolve(false) : reject(open.error ?? new Error('IndexedDB failed')));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        resolve(false);
        return;
      }
      const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
      request.onerror = () => {
        db.close();
        reject(request.error ?? new Error('IndexedDB read failed'));
      };
      request.onsuccess = () => {
        const updates = request.result as Uint8Array[];
        Y.transact(doc, () => {
          for (const u of updates) Y.applyUpdate(doc, u);
        });
        db.close();
        resolve(updates.length > 0);
      };
    };
  });
}
