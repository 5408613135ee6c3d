import type { Tracking } from '@stockroom/shared/catalog/item';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { Day, DeliveryId, type Receipt, receiptId } from '@stockroom/shared/purchasing/purchase-order';
import type {
  LedgerTarget,
  PoContext,
  PurchasingRoom,
  ReceiptLine,
} from '@stockroom/shared/purchasing/purchasing-room';
import { fromUnits, PositiveQuantity, toUnits } from '@stockroom/shared/quantity';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { scanQuantity } from '@stockroom/shared/scanning/scan-quantity';
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import { z } from 'zod';

/**
 * Receiving by scan, as pure functions over a session kept on this device: the delivery id
 * (the delivery note number, or a scan-session id made up here), the bin scans go into, and
 * every scan not posted yet. Posting turns the session into `PurchasingRoom.receive` calls
 * whose ids derive from (order, delivery, line), so posting the same session again — a
 * retry, a reload, a second tap — adds nothing.
 */

export const ReceiveScan = z.object({
  id: z.string().min(1).max(64),
  line: z.string().min(1).max(32),
  sku: z.string().min(1).max(64),
  quantity: PositiveQuantity,
  location: z.string().min(1).max(64),
  lot: z.string().max(64).optional(),
  expiry: Day.optional(),
  /** Scanned on a pack: units per pack (the quantity already includes it). */
  pack: PositiveQuantity.optional(),
  source: z.enum(['scan', 'keypad', 'gs1']),
  at: z.iso.datetime(),
});
export type ReceiveScan = z.infer<typeof ReceiveScan>;

export const ReceiveSession = z.object({
  po: z.string().min(1),
  delivery: z.string().max(100),
  bin: z.string().max(64).nullable(),
  scans: z.array(ReceiveScan).max(5000),
});
export type ReceiveSession = z.infer<typeof ReceiveSession>;

/** A delivery id leaves room for the `/2`, `/3` of further lots or bins of one line (see deliveryParts). */
export const MAX_DELIVERY_LENGTH = 90;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A scan-session id people can read out and type: `S-` and 8 letters or digits (40 random bits). */
export function newDeliveryId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  let out = 'S-';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function newSession(po: string, bin: string | null = null): ReceiveSession {
  return { po, delivery: newDeliveryId(), bin, scans: [] };
}

/** What is wrong with a delivery id as typed, or null. */
export function deliveryProblem(delivery: string): string | null {
  const d = delivery.trim();
  if (!d) return 'give the delivery note number (or keep the scan session id)';
  if (d.length > MAX_DELIVERY_LENGTH) return `must be at most ${MAX_DELIVERY_LENGTH} characters`;
  const p = DeliveryId.safeParse(d);
  return p.success ? null : (p.error.issues[0]?.message ?? 'not a delivery id');
}

// ── scans ─────────────────────────────────────────────────────────────────────────────

export type ScanOutcome =
  | { kind: 'bin'; bin: string }
  | { kind: 'added'; scan: ReceiveScan }
  /** A tracked item scanned without a lot / serial: ask for it, then `withLot`. */
  | { kind: 'needs-lot'; scan: ReceiveScan; tracking: Exclude<Tracking, 'none'> }
  | { kind: 'error'; message: string };

export interface ScanContext {
  order: OrderView;
  bin: string | null;
  /** A quantity typed on the keypad, waiting for the next item scan. */
  keypad: number | null;
  /** Units this session already holds per line (not posted yet). */
  pending: ReadonlyMap<string, number>;
  tracking: (sku: string) => Tracking;
  id: () => string;
  now?: Date;
}

/** Units per line in the session. */
export function sessionUnits(scans: readonly ReceiveScan[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of scans) out.set(s.line, (out.get(s.line) ?? 0) + toUnits(s.quantity));
  return out;
}

/** The order line a scanned SKU goes to: the first with something still open after this session, else the first. */
export function lineFor(order: OrderView, sku: string, pending: ReadonlyMap<string, number>) {
  const lines = order.lines.filter((l) => l.sku === sku);
  return lines.find((l) => toUnits(l.open) - (pending.get(l.line) ?? 0) > 0) ?? lines[0];
}

/**
 * A scan on the receiving screen: a bin label sets the bin; an item of the order adds its
 * scanQuantity (1, a pack, the keypad's quantity or the label's GS1 quantity). GS1 lot or
 * serial (AI 10/21) and expiry (AI 17, else best before 15) come along. Anything else is an
 * error that says why.
 */
export function applyScan(
  scan: Pick<ScanEvent, 'raw' | 'gs1'>,
  resolution: ScanResolution,
  ctx: ScanContext,
): ScanOutcome {
  if (resolution.kind === 'location') return { kind: 'bin', bin: resolution.code };
  if (resolution.kind === 'unknown') return { kind: 'error', message: `Unknown code: ${resolution.reason}` };
  const line = lineFor(ctx.order, resolution.sku, ctx.pending);
  if (!line) return { kind: 'error', message: `${resolution.sku} is not on this order` };
  if (ctx.bin === null) return { kind: 'error', message: 'Scan or choose the bin first' };

  const gs1 = resolution.gs1 ?? scan.gs1;
  const counted = scanQuantity(gs1, resolution.packQuantity, ctx.keypad);
  if (!counted.ok) return { kind: 'error', message: counted.message };
  const { quantity, source } = counted;
  const lot = gs1?.lot ?? gs1?.serial;
  const expiry = gs1?.expiry ?? gs1?.bestBefore;
  const tracking = ctx.tracking(resolution.sku);
  if (tracking === 'serial' && quantity !== 1)
    return { kind: 'error', message: `${resolution.sku} has serial numbers: scan each unit` };
  const out: ReceiveScan = {
    id: ctx.id(),
    line: line.line,
    sku: resolution.sku,
    quantity,
    location: ctx.bin,
    ...(lot ? { lot } : {}),
    ...(expiry ? { expiry } : {}),
    ...(counted.pack !== undefined ? { pack: counted.pack } : {}),
    source,
    at: (ctx.now ?? new Date()).toISOString(),
  };
  if (tracking !== 'none' && !lot) return { kind: 'needs-lot', scan: out, tracking };
  return { kind: 'added', scan: out };
}

/** The scan a lot prompt was waiting for, with the lot (or serial) scanned or typed. */
export function withLot(scan: ReceiveScan, lotScan: Pick<ScanEvent, 'raw' | 'gs1'>): ReceiveScan {
  const lot = (lotScan.gs1?.lot ?? lotScan.gs1?.serial ?? lotScan.raw).trim().slice(0, 64);
  const expiry = scan.expiry ?? lotScan.gs1?.expiry ?? lotScan.gs1?.bestBefore;
  return { ...scan, lot, ...(expiry ? { expiry } : {}) };
}

/** "Add N to the last line": the same line, bin and lot as the last scan. */
export function repeatScan(last: ReceiveScan, quantity: number, id: string, now = new Date()): ReceiveScan {
  const { pack: _pack, ...rest } = last;
  return { ...rest, id, quantity, source: 'keypad', at: now.toISOString() };
}

// ── posting ───────────────────────────────────────────────────────────────────────────

export interface DeliveryPart {
  delivery: string;
  lines: ReceiptLine[];
}

/** The delivery id of the k-th (0-based) lot or bin of a line within one delivery. */
export function partDelivery(delivery: string, k: number): string {
  return k === 0 ? delivery : `${delivery}/${k + 1}`;
}

/**
 * One receipt is one line of one delivery (its id is derived from order, delivery and
 * line). A line that arrives in two lots or goes into two bins is posted as the delivery's
 * part 2 (`DN-7/2`), part 3… in the order of their first scan, so the same session always
 * gives the same ids.
 */
export function deliveryParts(session: Pick<ReceiveSession, 'delivery' | 'scans'>): DeliveryPart[] {
  const delivery = session.delivery.trim();
  const groups = new Map<string, { part: number; line: ReceiptLine; units: number }>();
  const partsPerLine = new Map<string, number>();
  for (const s of session.scans) {
    const key = [s.line, s.location, s.lot ?? '', s.expiry ?? ''].join('\u001f');
    const g = groups.get(key);
    if (g) {
      g.units += toUnits(s.quantity);
      continue;
    }
    const part = partsPerLine.get(s.line) ?? 0;
    partsPerLine.set(s.line, part + 1);
    groups.set(key, {
      part,
      units: toUnits(s.quantity),
      line: {
        line: s.line,
        quantity: 0,
        location: s.location,
        ...(s.lot ? { lot: s.lot } : {}),
        ...(s.expiry ? { expiry: s.expiry } : {}),
      },
    });
  }
  const parts: DeliveryPart[] = [];
  for (const g of groups.values()) {
    parts[g.part] ??= { delivery: partDelivery(delivery, g.part), lines: [] };
    parts[g.part]!.lines.push({ ...g.line, quantity: fromUnits(g.units) });
  }
  return parts;
}

export interface LineReceiving {
  line: string;
  sku: string;
  ordered: number;
  /** Received on every device so far (what the room holds). */
  received: number;
  returned: number;
  open: number;
  /** In this session, not posted yet. */
  session: number;
  /** In this session but already posted under the same delivery id: posting skips it. */
  alreadyPosted: number;
  /** How far this session goes beyond what is still open (0: not an over-receipt). */
  over: number;
}

/** Per line of the order: what arrived so far, what this session adds, and any over-receipt. */
export function receiving(
  order: OrderView,
  session: Pick<ReceiveSession, 'delivery' | 'scans'>,
): LineReceiving[] {
  const posted = new Set(order.receipts.map((r) => r.id));
  const fresh = new Map<string, number>();
  const skipped = new Map<string, number>();
  for (const part of deliveryParts(session)) {
    for (const l of part.lines) {
      const target = posted.has(receiptId(order.id, part.delivery, l.line)) ? skipped : fresh;
      target.set(l.line, (target.get(l.line) ?? 0) + toUnits(l.quantity));
    }
  }
  return order.lines.map((l) => {
    const adds = fresh.get(l.line) ?? 0;
    return {
      line: l.line,
      sku: l.sku,
      ordered: l.quantity,
      received: l.received,
      returned: l.returned,
      open: l.open,
      session: fromUnits(adds),
      alreadyPosted: fromUnits(skipped.get(l.line) ?? 0),
      over: fromUnits(Math.max(0, adds - toUnits(l.open))),
    };
  });
}

export interface Receiver {
  receive: PurchasingRoom['receive'];
}

export type PostOutcome =
  | {
      ok: true;
      /** Receipts written now; empty when everything was posted before (the delivery counts once). */
      receipts: Receipt[];
      alreadyPosted: boolean;
      deliveries: string[];
    }
  | { ok: false; message: string; receipts: Receipt[] };

/**
 * Posts the session: one `receive` per part of the delivery. Each part is idempotent, so if
 * one fails (the order was closed meanwhile, an over-receipt nobody confirmed) the parts
 * before it stay posted and posting again after fixing it adds only the rest.
 */
export function postSession(
  room: Receiver,
  session: ReceiveSession,
  ledger: LedgerTarget,
  ctx: PoContext & { allowOver?: boolean },
): PostOutcome {
  const parts = deliveryParts(session);
  if (parts.length === 0) return { ok: false, message: 'Scan what arrived first', receipts: [] };
  const receipts: Receipt[] = [];
  for (const part of parts) {
    const r = room.receive(session.po, part.delivery, part.lines, ledger, ctx);
    if (!r.ok) return { ok: false, message: r.message, receipts };
    receipts.push(...r.value.receipts);
  }
  return {
    ok: true,
    receipts,
    alreadyPosted: receipts.length === 0,
    deliveries: parts.map((p) => p.delivery),
  };
}

// ── kept on this device ───────────────────────────────────────────────────────────────

type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'stockroom.receive.';

/** The session this device was scanning for the order (after a reload too), or null. */
export function loadSession(storage: SessionStorage, po: string): ReceiveSession | null {
  try {
    const raw = storage.getItem(KEY + po);
    if (!raw) return null;
    const parsed = ReceiveSession.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.po === po ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: SessionStorage, session: ReceiveSession): void {
  try {
    storage.setItem(KEY + session.po, JSON.stringify(session));
  } catch {
    // storage full or unavailable: the session lives on in memory
  }
}
