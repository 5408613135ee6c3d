import type { RoomRules } from '../sync/write-rules.ts';
import { TRAINING_MAPS } from './records.ts';

/**
 * The `training` room: completions, attempts and requirements are the server's alone — a
 * completion is recorded only when the server's own check of the practice ledger passed,
 * so no device can write (forge) one.
 */
export const trainingRules: RoomRules = {
  maps: {
    [TRAINING_MAPS.records]: { mode: 'server' },
    [TRAINING_MAPS.attempts]: { mode: 'server' },
    [TRAINING_MAPS.settings]: { mode: 'server' },
  },
};

/** Header (or `?workspace=`) naming the workspace an API call works in. */
export const WORKSPACE_HEADER = 'x-stockroom-workspace';
export const PRACTICE_WORKSPACE = 'practice';
