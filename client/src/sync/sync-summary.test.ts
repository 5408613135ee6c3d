// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type RoomStatus, roomSyncState, summarize } from './sync-summary.ts';

const online: RoomStatus = {
  room: 'catalog',
  connection: 'connected',
  failedAttempts: 0,
  synced: true,
  workOffline: false,
  rejected: false,
  pending: 0,
};

describe('roomSyncState', () => {
  it('is saved only when connected, synced and nothing is pending', () => {
    expect(roomSyncState(online)).toBe('saved');
    expect(roomSyncState({ ...online, pending: 2 })).toBe('syncing');
    expect(roomSyncState({ ...online, synced: false })).toBe('syncing');
  });

  it('treats a first connection attempt as syncing and a retrying one as offline', () => {
    expect(roomSyncState({ ...online, connection: 'connecting', synced: false })).toBe('syncing');
    expect(roomSyncState({ ...online, connection: 'connecting', synced: false, failedAttempts: 1 })).toBe(
      'offline',
    );
  });

  it('is offline when disconnected, when working offline by choice, or when the token was refused', () => {
    expect(roomSyncState({ ...online, connection: 'disconnected' })).toBe('offline');
    expect(roomSyncState({ ...online, workOffline: true })).toBe('offline');
    expect(roomSyncState({ ...online, rejected: true })).toBe('offline');
  });
});

describe('summarize', () => {
  const ledger: RoomStatus = { ...online, room: 'ledger-2025-01' };

  it('adds pending changes over rooms and says what state they are in', () => {
    expect(summarize([online, ledger])).toEqual({
      state: 'saved',
      pending: 0,
      label: 'All changes saved on the server',
      rejected: false,
    });
    expect(
      summarize([
        { ...online, pending: 1 },
        { ...ledger, pending: 2 },
      ]),
    ).toMatchObject({
      state: 'syncing',
      pending: 3,
      label: 'Syncing 3 changes…',
    });
    expect(
      summarize([
        { ...online, pending: 1, workOffline: true },
        { ...ledger, workOffline: true },
      ]),
    ).toMatchObject({ state: 'offline', pending: 1, label: 'Offline — 1 change saved on this device' });
  });

  it('lets the worst room decide and asks for a new login when a token was refused', () => {
    expect(summarize([online, { ...ledger, connection: 'disconnected' }]).state).toBe('offline');
    expect(summarize([online, { ...ledger, rejected: true, pending: 4 }])).toMatchObject({
      state: 'offline',
      rejected: true,
      label: 'Log in again to sync — 4 changes saved on this device',
    });
    expect(summarize([{ ...online, rejected: true }]).label).toBe('Log in again to sync');
  });

  it('keeps the other rooms saved when one room is refused, and names it only if it holds changes', () => {
    const stocktake: RoomStatus = {
      ...online,
      room: 'stocktake-x',
      connection: 'disconnected',
      forbidden: true,
    };
    expect(summarize([online, ledger, stocktake]).state).toBe('saved');
    const withChanges = summarize([online, ledger, { ...stocktake, pending: 3 }]);
    expect(withChanges.rejected).toBe(false);
    expect(withChanges.label).toBe('No access to stocktake-x — 3 changes kept on this device');
  });
});
