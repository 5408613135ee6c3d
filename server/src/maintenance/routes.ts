import type { ApiRoute } from '../api/route.ts';
import { createAsset, getAsset, listAssets, patchAsset } from './asset-routes.ts';
import { criticalSparesRoute } from './critical-spares-route.ts';
import { issueParts, releaseParts, reserveParts, returnParts, stockAvailability } from './part-routes.ts';
import { createSchedule, listSchedules, patchSchedule } from './schedule-routes.ts';
import {
  createWorkOrder,
  getWorkOrder,
  listWorkOrders,
  patchWorkOrder,
  setWorkOrderStatus,
} from './work-order-routes.ts';

/** Assets, work orders, parts reserved / issued / returned, availability, schedules, critical spares. */
export const MAINTENANCE_ROUTES: ApiRoute[] = [
  createAsset,
  listAssets,
  getAsset,
  patchAsset,
  createWorkOrder,
  listWorkOrders,
  getWorkOrder,
  patchWorkOrder,
  setWorkOrderStatus,
  reserveParts,
  releaseParts,
  issueParts,
  returnParts,
  stockAvailability,
  listSchedules,
  createSchedule,
  patchSchedule,
  criticalSparesRoute,
];
