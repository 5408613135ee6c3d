import type { KeyValueStore } from '../session/key-value-store.ts';

const KEY = 'stockroom.workspace';

/** Whether this device works in the practice workspace (kept across reloads, per device). */
export function loadPractice(store: KeyValueStore): boolean {
  return store.getItem(KEY) === 'practice';
}

export function savePractice(store: KeyValueStore, practice: boolean): void {
  if (practice) store.setItem(KEY, 'practice');
  else store.removeItem(KEY);
}
