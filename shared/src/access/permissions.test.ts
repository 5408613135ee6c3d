// @vitest-environment node

import { describe, expect, it } from 'vitest';
import { parseRoom, type RoomRef } from '../sync/rooms.ts';
import {
  can,
  expectedRoomAccess,
  permissionsOf,
  ROLES,
  type Role,
  roomAccess,
  stocktakeRoomAccess,
} from './permissions.ts';

const catalog = parseRoom('catalog') as RoomRef;
const ledger = parseRoom('ledger-2025-03') as RoomRef;
const stocktake = parseRoom('stocktake-abc') as RoomRef;

describe('room access', () => {
  const expected: Record<Role, [string, string, string]> = {
    //        catalog  ledger   stocktake
    admin: ['write', 'write', 'write'],
    manager: ['write', 'write', 'write'],
    clerk: ['read', 'write', 'read'],
    counter: ['read', 'none', 'write'],
    technician: ['read', 'write', 'none'],
    viewer: ['read', 'read', 'read'],
  };
  it.each(ROLES)('%s', (role) => {
    expect([roomAccess(role, catalog), roomAccess(role, ledger), roomAccess(role, stocktake)]).toEqual(
      expected[role],
    );
  });
});

describe('API permissions', () => {
  it('only admins manage users', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });
  it('catalog writes: admin and manager', () => {
    expect(ROLES.filter((r) => can(r, 'catalog.write'))).toEqual(['admin', 'manager']);
  });
  it('movements: admin, manager, clerk', () => {
    expect(ROLES.filter((r) => can(r, 'ledger.write'))).toEqual(['admin', 'manager', 'clerk']);
  });
  it('a counter cannot write the catalog or the ledger, nor read stock', () => {
    expect(can('counter', 'catalog.write')).toBe(false);
    expect(can('counter', 'ledger.write')).toBe(false);
    expect(can('counter', 'ledger.read')).toBe(false);
    expect(can('counter', 'stocktakes.count')).toBe(true);
  });
  it('a viewer only reads', () => {
    expect(permissionsOf('viewer').every((p) => p.endsWith('.read'))).toBe(true);
    expect(permissionsOf('viewer')).toContain('reports.read');
  });
  it('a technician writes nothing but parts issued to work orders', () => {
    expect(permissionsOf('technician').filter((p) => !p.endsWith('.read'))).toEqual(['maintenance.issue']);
  });
  it('everybody reads the catalog', () => {
    expect(ROLES.every((r) => can(r, 'catalog.read'))).toBe(true);
  });
});

describe('stocktake rooms', () => {
  it('the stocktakes index: everybody reads, managers and admins write', () => {
    const index = parseRoom('stocktakes') as RoomRef;
    expect(ROLES.map((r) => roomAccess(r, index))).toEqual([
      'write',
      'write',
      'read',
      'read',
      'none',
      'read',
    ]);
  });

  const statuses = ['draft', 'counting', 'review', 'posted', 'cancelled'] as const;
  it.each(statuses)('a %s stocktake', (status) => {
    const open = status !== 'posted' && status !== 'cancelled';
    const w = open ? 'write' : 'read';
    const access = (role: Role, assigned: boolean) =>
      stocktakeRoomAccess(role, { assigned, status, blind: false });
    expect(ROLES.map((r) => access(r, false))).toEqual([w, w, 'read', 'none', 'none', 'read']);
    expect(ROLES.map((r) => access(r, true))).toEqual([w, w, 'read', w, 'none', 'read']);
  });
});

describe('expected quantities of a stocktake', () => {
  const expected = parseRoom('expected-abc') as RoomRef;
  it('nobody writes them through sync: the server does', () => {
    expect(ROLES.map((r) => roomAccess(r, expected))).toEqual([
      'read',
      'read',
      'read',
      'read',
      'none',
      'read',
    ]);
    const state = { assigned: true, status: 'counting' as const, blind: false };
    expect(ROLES.map((r) => expectedRoomAccess(r, state))).not.toContain('write');
  });
  it('managers read them; assigned counters only when the count is not blind', () => {
    const access = (blind: boolean, assigned: boolean) =>
      ROLES.map((r) => expectedRoomAccess(r, { assigned, status: 'counting', blind }));
    expect(access(true, true)).toEqual(['read', 'read', 'none', 'none', 'none', 'none']);
    expect(access(false, true)).toEqual(['read', 'read', 'none', 'read', 'none', 'none']);
    expect(access(false, false)).toEqual(['read', 'read', 'none', 'none', 'none', 'none']);
  });
});
