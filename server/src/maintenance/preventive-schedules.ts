import type { Actor } from '@stockroom/shared/actor';
import { utcDay } from '@stockroom/shared/maintenance/days';
import type { DueWorkOrder } from '@stockroom/shared/maintenance/schedule';
import { availableBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { MAINTENANCE_ROOM } from '@stockroom/shared/sync/rooms';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { Logger } from '../log.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { currentAvailability, withMaintenance, withWorkOrders } from './maintenance-rooms.ts';
import type { WorkOrderNumbers } from './work-order-numbers.ts';

/** Who the server writes generated work orders and their reservations as. */
export const SCHEDULER: Actor = { user: 'scheduler', device: 'server' };

/** The request a schedule's reservation of a part is made with: generating twice reserves once. */
export function scheduleReservationRequest(sku: string): string {
  return `schedule|${sku}`;
}

export interface PreventiveSchedulesDeps {
  rooms: RoomRegistry;
  ledger: LedgerService;
  audit: Pick<AuditLog, 'record'>;
  numbers: WorkOrderNumbers;
  storedRooms(): string[];
  log: Logger;
}

export interface PreventiveSchedulesOptions {
  /** How often every schedule is looked at again (default one hour). */
  intervalMs?: number;
  /** After the maintenance room changes, wait this long for more changes (default 500 ms). */
  debounceMs?: number;
  now?: () => Date;
}

export interface GenerationResult {
  /** Work orders created on this run. */
  created: string[];
  /** Parts reserved on this run: work order, SKU, quantity, whether beyond what was available. */
  reserved: { wo: string; sku: string; quantity: number; shortage: boolean }[];
}

/**
 * Turns preventive schedules into work orders: on start, whenever the `maintenance` room
 * changes, and every hour, each active schedule's occurrences that are due now (schedule.ts
 * dueWorkOrders: from today to `reserveDaysAhead` days ahead, plus the latest missed one)
 * become work orders in the room of the due day's year, with the schedule's parts planned and
 * reserved. Ids derive from (schedule, due day) and reservations from (work order, SKU), so
 * running again — a restart, a second trigger, a second node — adds nothing. Reservations
 * beyond what is available are made anyway and flagged as shortages: replenishment counts
 * them as demand and the planner sees the work order short.
 */
export class PreventiveSchedules {
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private running: Promise<GenerationResult> | null = null;
  private next: Promise<GenerationResult> | null = null;
  private closed = false;

  constructor(
    private readonly deps: PreventiveSchedulesDeps,
    private readonly options: PreventiveSchedulesOptions = {},
  ) {
    deps.rooms.onLoad((room) => {
      if (room.ref.kind !== 'maintenance') return;
      room.onUpdate(() => this.trigger());
    });
  }

  /** Runs once now and then every interval (the timer does not keep the process alive). */
  start(): void {
    if (this.closed || this.timer) return;
    void this.run();
    this.timer = setInterval(() => void this.run(), this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  /** A change of schedules or assets: generate soon (debounced). */
  trigger(): void {
    if (this.closed || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.run();
    }, this.options.debounceMs ?? 500);
    this.debounce.unref();
  }

  /**
   * Generates what is due now. Called while a run is going, it runs once more after that one
   * (what changed meanwhile is seen) and resolves with that run.
   */
  run(): Promise<GenerationResult> {
    if (this.closed) return Promise.resolve({ created: [], reserved: [] });
    if (this.running) {
      this.next ??= this.running.then(() => {
        this.next = null;
        return this.run();
      });
      return this.next;
    }
    this.running = this.generate()
      .catch((error) => {
        if (!this.closed) this.deps.log.error('generating preventive work orders failed', { error });
        return { created: [], reserved: [] } as GenerationResult;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Waits for the run in progress and the one queued after it, if any. */
  async settle(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
    this.debounce = null;
  }

  private async generate(): Promise<GenerationResult> {
    const result: GenerationResult = { created: [], reserved: [] };
    // Nobody ever wrote an asset or a schedule: nothing to do, and no room to bring into being.
    if (!this.deps.rooms.loaded(MAINTENANCE_ROOM) && !this.deps.storedRooms().includes(MAINTENANCE_ROOM))
      return result;
    const now = this.options.now?.() ?? new Date();
    const today = utcDay(now);
    const due = await withMaintenance(this.deps.rooms, (m) => m.dueWorkOrders(today), 'dependency');
    if (!due.length) return result;
    const byYear = new Map<number, DueWorkOrder[]>();
    for (const d of due) byYear.set(d.year, [...(byYear.get(d.year) ?? []), d]);
    // Available per SKU, kept up to date across this run's reservations (in integer units).
    const available = new Map<string, number>();
    for (const [sku, q] of availableBySku(await currentAvailability(this.deps)))
      available.set(sku, toUnits(q));

    for (const [year, list] of byYear) {
      await withWorkOrders(this.deps.rooms, year, (w, room) => {
        for (const d of list) {
          const made = room.write(() => w.createFromSchedule(d, { actor: SCHEDULER, now }));
          if (!made.ok) {
            this.deps.log.warn('a scheduled work order could not be created', {
              schedule: d.schedule,
              due: d.due,
              problem: made.message,
            });
            continue;
          }
          const { order, created } = made.value;
          if (created) {
            this.deps.numbers.number(room);
            result.created.push(order.id);
          }
          if (order.status !== 'open' && order.status !== 'in_progress' && order.status !== 'on_hold')
            continue;
          for (const part of order.parts) {
            if (part.planned <= 0) continue;
            const have = available.get(part.sku) ?? 0;
            const r = room.write(() =>
              w.reserve(
                order.id,
                { sku: part.sku, quantity: part.planned, request: scheduleReservationRequest(part.sku) },
                fromUnits(have),
                { actor: SCHEDULER, now, allowShortage: true },
              ),
            );
            if (!r.ok) {
              this.deps.log.warn('reserving a scheduled part failed', {
                wo: order.id,
                sku: part.sku,
                problem: r.message,
              });
              continue;
            }
            if (r.value.alreadyPosted || !r.value.reservation) continue;
            available.set(part.sku, have - toUnits(part.planned));
            result.reserved.push({
              wo: order.id,
              sku: part.sku,
              quantity: part.planned,
              shortage: r.value.reservation.shortage === true,
            });
          }
          if (created) {
            const numbered = w.order(order.id, now);
            this.deps.audit.record({
              user: null,
              device: null,
              action: 'work_order.schedule',
              subject: `wo:${order.id}`,
              related: [`asset:${order.asset}`, `schedule:${d.schedule}`],
              details: {
                number: numbered?.number ?? null,
                schedule: d.schedule,
                due: d.due,
                parts: numbered?.parts.map((p) => ({
                  sku: p.sku,
                  planned: p.planned,
                  reserved: p.reserved,
                  shortage: p.shortage,
                })),
              },
            });
          }
        }
      });
    }
    if (result.created.length)
      this.deps.log.info('preventive work orders created', { count: result.created.length });
    return result;
  }
}
