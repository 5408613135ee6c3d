import type { StateVector } from '@stockroom/shared/sync/protocol';
import { z } from 'zod';
import { type KeyValueStore, readJson, writeJson } from '../session/key-value-store.ts';

/*
 * Per room, what this device remembers between sessions: the Yjs clientIDs it has written
 * with (a new one every session, never reused) and the clocks the server acknowledged for
 * them. Together with the local document they give "N changes not yet on the server", also
 * right after a reload while offline.
 */

const ROOMS_KEY = 'stockroom/rooms';
const clientsKey = (room: string) => `stockroom/clients/${room}`;
const savedKey = (room: string) => `stockroom/saved/${room}`;

const ClientList = z.array(z.number().int().nonnegative());
const ClockPairs = z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]));
const RoomList = z.array(z.string().min(1).max(100));

export function loadWriters(store: KeyValueStore, room: string): number[] {
  const parsed = ClientList.safeParse(readJson(store, clientsKey(room)));
  return parsed.success ? parsed.data : [];
}

export function saveWriters(store: KeyValueStore, room: string, clients: Iterable<number>): void {
  const list = [...new Set(clients)];
  if (list.length === 0) {
    store.removeItem(clientsKey(room));
    store.removeItem(savedKey(room));
    forgetRoom(store, room);
    return;
  }
  writeJson(store, clientsKey(room), list);
  rememberRoom(store, room);
}

export function loadSavedClocks(store: KeyValueStore, room: string): StateVector {
  const parsed = ClockPairs.safeParse(readJson(store, savedKey(room)));
  return new Map(parsed.success ? parsed.data : []);
}

export function saveSavedClocks(store: KeyValueStore, room: string, clocks: StateVector): void {
  writeJson(store, savedKey(room), [...clocks]);
}

/** Rooms this device has written to and may still hold changes the server has not stored. */
export function rememberedRooms(store: KeyValueStore): string[] {
  const parsed = RoomList.safeParse(readJson(store, ROOMS_KEY));
  return parsed.success ? parsed.data : [];
}

function rememberRoom(store: KeyValueStore, room: string): void {
  const rooms = rememberedRooms(store);
  if (!rooms.includes(room)) writeJson(store, ROOMS_KEY, [...rooms, room]);
}

function forgetRoom(store: KeyValueStore, room: string): void {
  const rooms = rememberedRooms(store);
  if (rooms.includes(room))
    writeJson(
      store,
      ROOMS_KEY,
      rooms.filter((r) => r !== room),
    );
}
