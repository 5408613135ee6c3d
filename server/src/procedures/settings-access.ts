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

/**
 * The procedures in force now (defaults for whatever no admin has saved). Every movement
 * posted through the API reads them, so they are parsed once per change of the loaded room,
 * not once per request. Read-only: the same object is handed to every caller until a change.
 */
export function currentSettings(registry: RoomRegistry): Promise<ProcedureSettings> {
  return registry.with(SETTINGS_ROOM, (room) => parsedSettingsOf(room).get());
}

/** The loaded room's settings, parsed on first read after a change (values are replaced whole). */
function parsedSettingsOf(room: Room) {
  return room.attachment(
    'settings-parsed',
    () => {
      const settings = settingsOf(room);
      let parsed: ProcedureSettings | null = null;
      const stop = settings.onChange(() => {
        parsed = null;
      });
      return { get: () => (parsed ??= settings.settings()), stop };
    },
    (c) => c.stop(),
  );
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
