import { ApprovalsRoom } from '@stockroom/shared/procedures/approvals';
import type { ProcedureSettings } from '@stockroom/shared/procedures/settings';
import { SettingsRoom } from '@stockroom/shared/procedures/settings-room';
import { approvalsRoom, SETTINGS_ROOM } from '@stockroom/shared/sync/rooms';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

/** The SettingsRoom view of the loaded `settings` room. */
export function settingsOf(room: Room): SettingsRoom {
  return room.attachment('settings', (doc) => new SettingsRoom(doc));
}

export function withSettings<T>(
  registry: RoomRegistry,
  fn: (settings: SettingsRoom, room: Room) => T | Promise<T>,
) {
  return registry.with(SETTINGS_ROOM, (room) => fn(settingsOf(room), room));
}

/** The procedures in force now (defaults for whatever no admin has saved). */
export function currentSettings(registry: RoomRegistry): Promise<ProcedureSettings> {
  return withSettings(registry, (s) => s.settings());
}

export function approvalsOf(room: Room): ApprovalsRoom {
  return room.attachment(
    'approvals',
    (doc) => new ApprovalsRoom(doc, room.name),
    (a) => a.destroy(),
  );
}

export function withApprovals<T>(
  registry: RoomRegistry,
  year: number,
  fn: (approvals: ApprovalsRoom, room: Room) => T | Promise<T>,
) {
  return registry.with(approvalsRoom(year), (room) => fn(approvalsOf(room), room));
}
