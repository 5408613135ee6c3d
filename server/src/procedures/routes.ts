import type { ApiRoute } from '../api/route.ts';
import { APPROVAL_ROUTES } from './approval-routes.ts';
import { SETTINGS_ROUTES } from './settings-routes.ts';

/** Procedures, reason codes, conventions and thresholds (settings room) and held adjustments. */
export const PROCEDURE_ROUTES: ApiRoute[] = [...SETTINGS_ROUTES, ...APPROVAL_ROUTES];
