import type { RoomRules } from '../sync/write-rules.ts';

/** `maintenance` (assets, schedules): nothing is writable through sync until its rules are declared. */
export const maintenanceRules: RoomRules = { maps: {} };

/** `work-orders-YYYY`: nothing is writable through sync until its rules are declared. */
export const workOrderRules: RoomRules = { maps: {} };
