import { EXPORT_ROUTES } from '../export/routes.ts';
import { ErrorBody } from '../http/errors.ts';
import { IMPORT_ROUTES } from '../import/routes.ts';
import { listMovements, recordMovement } from '../ledger/movement-routes.ts';
import { stockOnHand } from '../ledger/stock-routes.ts';
import { LOT_ROUTES } from '../lots/lot-routes.ts';
import { MAINTENANCE_ROUTES } from '../maintenance/routes.ts';
import { PROCEDURE_ROUTES } from '../procedures/routes.ts';
import { PURCHASING_ROUTES } from '../purchasing/routes.ts';
import { REPLENISHMENT_ROUTES } from '../replenishment/routes.ts';
import { REPORT_ROUTES } from '../reports/report-routes.ts';
import { withTrainingGate } from '../training/gate-routes.ts';
import { withPracticeWorkspace } from '../training/practice-routes.ts';
import { TRAINING_ROUTES } from '../training/routes.ts';
import { listAudit } from './audit.ts';
import { login, logout, me, refresh } from './auth.ts';
import { createItem, getItem, listItems, patchItem } from './items.ts';
import { createLocation, getLocation, listLocations, patchLocation } from './locations.ts';
import { openApiDocument } from './openapi.ts';
import { type ApiRoute, reply, route } from './route.ts';
import { STOCKTAKE_ROUTES } from './stocktakes.ts';
import { createSupplier, listSuppliers, patchSupplier } from './suppliers.ts';
import { createUser, listSessions, listUsers, patchUser, revokeSession } from './users.ts';

const DOMAIN_ROUTES: ApiRoute[] = [
  login,
  refresh,
  logout,
  me,
  createItem,
  listItems,
  getItem,
  patchItem,
  createLocation,
  listLocations,
  getLocation,
  patchLocation,
  createSupplier,
  listSuppliers,
  patchSupplier,
  // The same route in the practice workspace with ?workspace=practice (training/).
  withPracticeWorkspace(recordMovement),
  listMovements,
  stockOnHand,
  createUser,
  listUsers,
  patchUser,
  listSessions,
  revokeSession,
  listAudit,
  ...STOCKTAKE_ROUTES,
  ...IMPORT_ROUTES,
  ...REPLENISHMENT_ROUTES,
  ...PURCHASING_ROUTES,
  ...REPORT_ROUTES,
  ...MAINTENANCE_ROUTES,
  ...LOT_ROUTES,
  ...EXPORT_ROUTES,
  ...PROCEDURE_ROUTES,
  ...TRAINING_ROUTES,
];

/** Every API route, the OpenAPI document included (it describes itself too). */
export function apiRoutes(version: string): ApiRoute[] {
  // Receiving and counting for real may need a completed exercise first (training/).
  const all: ApiRoute[] = withTrainingGate([...DOMAIN_ROUTES]);
  let doc: unknown = null;
  all.push(
    route({
      method: 'GET',
      path: '/api/openapi.json',
      tag: 'meta',
      summary: 'This OpenAPI 3.1 document',
      access: 'authenticated',
      responses: {
        200: { description: 'The OpenAPI document' },
        401: { description: 'Not logged in', schema: ErrorBody },
      },
      handle: () => {
        doc ??= openApiDocument(all, { title: 'Stockroom API', version });
        return reply(200, doc);
      },
    }),
  );
  return all;
}
