import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import { isActive, type ScanTarget } from './work-order-list.ts';

export type PartMode = 'issue' | 'return';

/** What the issue screen holds between scans (kept on this device, so a reload keeps the bin). */
export interface IssueState {
  mode: PartMode;
  /** The bin parts come from (issue) or go back to (return). */
  bin: string | null;
  /** Units per scan of one unit's barcode (a pack's barcode multiplies it). */
  quantity: number;
  /** The lot the next parts come from; kept until changed (a box of one lot is issued from). */
  lot: string;
}

export interface PartToPost {
  request: string;
  sku: string;
  quantity: number;
  location: string;
  lot?: string;
}

export type IssueOutcome =
  | { kind: 'switch'; id: string }
  | { kind: 'bin'; bin: string }
  | { kind: 'post'; part: PartToPost }
  | { kind: 'error'; message: string };

export interface IssueContext {
  state: IssueState;
  order: WorkOrderView;
  /** What the code means as a work order or an asset tag (work-order-list's scanTarget). */
  target: ScanTarget;
  /** The catalog's reading of the code. */
  resolution: ScanResolution;
  tracking: (sku: string) => 'none' | 'lot' | 'serial';
  /** A new request id: the issue then counts once however often it is replayed. */
  request: () => string;
}

/**
 * One scan on the issue screen: a work order's sheet or an asset's tag moves to that work
 * order; a bin label sets where the parts come from; a part is issued (or returned) at once
 * with a new request id. Everything the domain would refuse anyway is said here first, in
 * the words of the shop floor.
 */
export function applyIssueScan(ctx: IssueContext): IssueOutcome {
  const { state, order, target, resolution } = ctx;
  if (target.kind === 'order') {
    if (target.id === order.id) return { kind: 'error', message: 'This is the work order already open' };
    return { kind: 'switch', id: target.id };
  }
  if (target.kind === 'asset' && resolution.kind !== 'item' && resolution.kind !== 'location') {
    if (target.open.length === 1)
      return target.open[0] === order.id
        ? { kind: 'error', message: `Already on the work order of ${target.code}` }
        : { kind: 'switch', id: target.open[0]! };
    return {
      kind: 'error',
      message:
        target.open.length === 0
          ? `Asset ${target.code} has no open work order`
          : `Asset ${target.code} has ${target.open.length} open work orders: choose one from the list`,
    };
  }
  if (resolution.kind === 'location') return { kind: 'bin', bin: resolution.code };
  if (resolution.kind === 'unknown') return { kind: 'error', message: `Unknown code ${resolution.raw}` };
  if (!isActive(order.status))
    return {
      kind: 'error',
      message: `This work order is ${order.status}: no parts can be issued or returned`,
    };
  if (!state.bin) return { kind: 'error', message: 'Scan or choose the bin first' };
  if (!(state.quantity > 0)) return { kind: 'error', message: 'Quantity must be greater than 0' };
  const sku = resolution.sku;
  const quantity = fromUnits(toUnits(state.quantity) * (resolution.packQuantity ?? 1));
  const lot = resolution.gs1?.lot ?? state.lot.trim();
  const tracking = ctx.tracking(sku);
  if (tracking !== 'none' && !lot)
    return { kind: 'error', message: `${sku} is tracked by ${tracking}: type the ${tracking} number first` };
  if (state.mode === 'return') {
    const line = order.parts.find((p) => p.sku === sku);
    const net = line ? toUnits(line.issued) - toUnits(line.returned) : 0;
    if (toUnits(quantity) > net)
      return {
        kind: 'error',
        message:
          net > 0
            ? `Only ${fromUnits(net)} of ${sku} was issued to this work order and not returned`
            : `No ${sku} was issued to this work order`,
      };
  }
  return {
    kind: 'post',
    part: { request: ctx.request(), sku, quantity, location: state.bin, ...(lot ? { lot } : {}) },
  };
}

/** The cost of one unit issued now: the period's moving average, else the item's own unit cost. */
export function issueUnitCost(
  averageCost: number | null | undefined,
  itemUnitCost: number | undefined,
): number {
  return averageCost ?? itemUnitCost ?? 0;
}

const KEY = 'stockroom.issue-session';

export function loadIssueState(storage: Pick<Storage, 'getItem'>): IssueState {
  const fallback: IssueState = { mode: 'issue', bin: null, quantity: 1, lot: '' };
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<IssueState> | null;
    if (!raw || typeof raw !== 'object') return fallback;
    return {
      mode: raw.mode === 'return' ? 'return' : 'issue',
      bin: typeof raw.bin === 'string' && raw.bin ? raw.bin : null,
      quantity: 1,
      lot: '',
    };
  } catch {
    return fallback;
  }
}

/** Only the bin and the mode outlive the screen: a quantity or lot left over would be a wrong issue later. */
export function saveIssueState(storage: Pick<Storage, 'setItem'>, state: IssueState): void {
  storage.setItem(KEY, JSON.stringify({ mode: state.mode, bin: state.bin }));
}
