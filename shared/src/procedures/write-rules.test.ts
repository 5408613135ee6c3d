// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { can, ROLES, roomAccess } from '../access/permissions.ts';
import type { Role } from '../access/role.ts';
import { parseRoom } from '../sync/rooms.ts';
import { checkChanges, type EntryChange, type RuleView } from '../sync/write-rules.ts';
import { DEFAULT_CONVENTIONS, DEFAULT_PROCEDURES } from './settings.ts';
import { SettingsRoom } from './settings-room.ts';
import { approvalsRules, settingsRules } from './write-rules.ts';

const view: RuleView = { get: () => undefined, values: () => [] };
const writer = (role: Role) => ({ user: 'ann', device: 'd1', role });
const change = (map: string, key: string, value: unknown): EntryChange => ({
  map,
  key,
  before: undefined,
  after: value,
  added: [value],
  overwrites: false,
  replaced: false,
});
const saved = (value: unknown) => ({ value, user: 'ann', device: 'd1', at: '2026-12-01T10:00:00.000Z' });

describe('settings room rules', () => {
  it('admins save valid settings in their own name; nobody else does', () => {
    const c = change('settings', 'conventions', saved({ ...DEFAULT_CONVENTIONS, sku: '^[A-Z]+$' }));
    expect(checkChanges(settingsRules, [c], writer('admin'), view)).toBeNull();
    expect(checkChanges(settingsRules, [c], writer('manager'), view)).toMatch(/only admins/);
    expect(checkChanges(settingsRules, [c], { ...writer('admin'), user: 'bob' }, view)).toMatch(
      /another user/,
    );
  });
  it('refuses invalid values, unknown keys and removals', () => {
    const bad = change('settings', 'conventions', saved({ sku: '(', location: '', barcode: '' }));
    expect(checkChanges(settingsRules, [bad], writer('admin'), view)).toMatch(/not a valid setting/);
    const unknown = change('settings', 'colour', saved('red'));
    expect(checkChanges(settingsRules, [unknown], writer('admin'), view)).toMatch(/not a setting/);
    const removal = {
      ...change('settings', 'conventions', undefined),
      before: saved(DEFAULT_CONVENTIONS),
      added: [],
    };
    expect(checkChanges(settingsRules, [removal], writer('admin'), view)).toMatch(/never removed/);
  });
});

describe('approvals room rules', () => {
  const request = {
    id: 'r1',
    adjustment: { sku: 'A', location: 'B', quantity: -50, reason: 'Damaged', reasonCode: 'damaged' },
    why: 'quantity 50 is above the limit of 10',
    user: 'ann',
    device: 'd1',
    at: '2026-12-01T10:00:00.000Z',
  };
  it('clerks ask in their own name; viewers cannot; decisions are the server’s', () => {
    expect(
      checkChanges(approvalsRules, [change('requests', 'r1', request)], writer('clerk'), view),
    ).toBeNull();
    expect(checkChanges(approvalsRules, [change('requests', 'r1', request)], writer('viewer'), view)).toMatch(
      /record movements/,
    );
    expect(checkChanges(approvalsRules, [change('requests', 'r2', request)], writer('clerk'), view)).toMatch(
      /id is not its key/,
    );
    const decision = { id: 'r1', decision: 'approved', user: 'ann', device: 'd1', at: request.at };
    expect(
      checkChanges(approvalsRules, [change('decisions', 'r1', decision)], writer('admin'), view),
    ).toMatch(/only the server/);
  });
});

describe('settings room', () => {
  it('reads defaults until saved, then the saved value; an invalid stored value reads as the default', () => {
    const room = new SettingsRoom(new Y.Doc());
    expect(room.settings().procedures.receive).toEqual(DEFAULT_PROCEDURES.receive);
    room.save('procedure:receive', [{ text: 'Only this' }], { user: 'ann', device: 'd1' });
    expect(room.settings().procedures.receive).toEqual([{ text: 'Only this' }]);
    expect(room.settings().procedures.issue).toEqual(DEFAULT_PROCEDURES.issue);
    room.map.set('conventions', { value: { sku: '(' }, user: 'x', device: 'y', at: 'z' });
    expect(room.settings().conventions).toEqual(DEFAULT_CONVENTIONS);
  });
});

describe('the rooms', () => {
  it('settings: everyone logged in reads, admins write; approvals: whoever records movements writes', () => {
    const settings = parseRoom('settings')!;
    const approvals = parseRoom('approvals-2026')!;
    expect(approvals).toEqual({ kind: 'approvals', year: 2026 });
    expect(parseRoom('approvals-26')).toBeNull();
    expect(ROLES.map((r) => roomAccess(r, settings))).toEqual([
      'write',
      'read',
      'read',
      'read',
      'read',
      'read',
    ]);
    expect(ROLES.map((r) => roomAccess(r, approvals))).toEqual([
      'write',
      'write',
      'write',
      'none',
      'read',
      'read',
    ]);
    expect(ROLES.filter((r) => can(r, 'approvals.decide'))).toEqual(['admin', 'manager']);
  });
});
