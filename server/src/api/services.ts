import type { AuditLog } from '../audit/audit-log.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import type { PasswordQueue } from '../auth/password-queue.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { UserStore } from '../auth/users.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { Logger } from '../log.ts';
import type { LotIndex } from '../lots/lot-index.ts';
import type { PreventiveSchedules } from '../maintenance/preventive-schedules.ts';
import type { WorkOrderNumbers } from '../maintenance/work-order-numbers.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { OrderNumbers } from '../purchasing/order-numbers.ts';
import type { PeriodStatsService } from '../reports/period-stats-service.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

/** What API handlers may use. Passed in, never imported, so tests can build a small one. */
export interface Services {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditLog;
  loginLimiter: LoginLimiter;
  /** Every password check at login (scrypt) runs through this bounded queue. */
  passwordChecks: PasswordQueue;
  rooms: RoomRegistry;
  ledger: LedgerService;
  /** Per-period item aggregates (stats-YYYY-MM rooms) for reports and replenishment. */
  periodStats: PeriodStatsService;
  /** Lot movements and holds of every ledger period, cached per period (lots and trace). */
  lots: LotIndex;
  /** Numbers purchase orders (PO-YYYY-NNNN) as soon as the server sees them. */
  orderNumbers: OrderNumbers;
  /** Numbers work orders (WO-YYYY-NNNN) as soon as the server sees them. */
  workOrderNumbers: WorkOrderNumbers;
  /** Turns preventive schedules into work orders with their parts reserved. */
  preventive: PreventiveSchedules;
  /** Closes open sync sockets of a session or user (logout, deactivation, role change). */
  revoke: {
    session(sessionId: string): void;
    user(username: string): void;
  };
  /** Open sync connections, for the sessions list. */
  connections: {
    ofSession(sessionId: string): number;
  };
  /** Names of every room with stored data (exports walk them). */
  storedRooms(): string[];
  metrics: ServerMetrics;
  log: Logger;
}
