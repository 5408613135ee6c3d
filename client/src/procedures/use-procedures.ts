import { ApprovalsRoom } from '@stockroom/shared/procedures/approvals';
import { DEFAULT_SETTINGS, type ProcedureSettings } from '@stockroom/shared/procedures/settings';
import { SettingsRoom } from '@stockroom/shared/procedures/settings-room';
import { approvalsRoom, SETTINGS_ROOM } from '@stockroom/shared/sync/rooms';
import { type Accessor, createMemo } from 'solid-js';
import { type OpenRoom, useRoom } from '../stocktake/use-room.ts';
import type { Workspace } from '../sync/workspace.ts';

/** The `settings` room, open while the calling component lives. */
export function useSettingsRoom(ws: Workspace): OpenRoom<SettingsRoom> {
  return useRoom(ws, SETTINGS_ROOM, (doc) => new SettingsRoom(doc));
}

/** The procedures in force: the defaults until the room's local copy has loaded, then what it holds. */
export function useProcedureSettings(room: OpenRoom<SettingsRoom>): Accessor<ProcedureSettings> {
  return createMemo(() => {
    room.tick();
    return room.model()?.settings() ?? DEFAULT_SETTINGS;
  });
}

/** One year's held adjustments (`approvals-YYYY`). */
export function useApprovalsRoom(ws: Workspace, year: number): OpenRoom<ApprovalsRoom> {
  const name = approvalsRoom(year);
  return useRoom(ws, name, (doc) => new ApprovalsRoom(doc, name));
}
