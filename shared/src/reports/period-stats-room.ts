import type * as Y from 'yjs';
import { statsRoom } from '../sync/rooms.ts';
import type { InvalidEntry } from '../validation.ts';
import type { PeriodItemStats } from './period-stats.ts';
import { decodePeriodItemStats } from './period-stats-codec.ts';

/** What the server says about when and from what it computed a period's stats. */
export interface PeriodStatsMeta {
  period: string;
  /** The period whose closing stats this one started from, or null (the ledger opening). */
  basedOn: string | null;
  computedAt: string;
  movements: number;
}

/**
 * One `stats-YYYY-MM` room: per item, the period's aggregates (period-stats.ts), written by
 * the server whenever the ledger period changes (deterministically: the same movements give
 * the same values, so a recomputation rewrites only what changed). Read on every device for
 * reports and replenishment without loading the period's movements; validated on read.
 */
export class PeriodStatsRoom {
  static readonly ITEMS = 'items';
  readonly items: Y.Map<unknown>;
  readonly meta: Y.Map<unknown>;
  readonly room: string;
  private readonly parsed = new Map<
    string,
    { raw: unknown; stats: PeriodItemStats | null; problem?: string }
  >();

  constructor(
    readonly doc: Y.Doc,
    readonly period: string,
  ) {
    this.room = statsRoom(period);
    this.items = doc.getMap(PeriodStatsRoom.ITEMS);
    this.meta = doc.getMap('meta');
  }

  get(sku: string): PeriodItemStats | undefined {
    const raw = this.items.get(sku);
    if (raw === undefined) return undefined;
    return this.parse(sku, raw).stats ?? undefined;
  }

  /** Every valid item's stats. */
  all(): Map<string, PeriodItemStats> {
    const out = new Map<string, PeriodItemStats>();
    for (const [sku, raw] of this.items) {
      const p = this.parse(sku, raw);
      if (p.stats) out.set(sku, p.stats);
    }
    return out;
  }

  info(): PeriodStatsMeta | null {
    const v = this.meta.get('computed') as PeriodStatsMeta | undefined;
    return v && typeof v === 'object' && v.period === this.period ? v : null;
  }

  invalidEntries(): InvalidEntry[] {
    const out: InvalidEntry[] = [];
    for (const [sku, raw] of this.items) {
      const p = this.parse(sku, raw);
      if (!p.stats) out.push({ room: this.room, key: sku, problem: p.problem ?? 'invalid' });
    }
    return out;
  }

  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  destroy(): void {}

  /** A Y.Map hands back the same value object until the entry is replaced: parse each once. */
  private parse(sku: string, raw: unknown) {
    const seen = this.parsed.get(sku);
    if (seen && seen.raw === raw) return seen;
    const decoded = decodePeriodItemStats(raw);
    const entry = decoded.ok ? { raw, stats: decoded.stats } : { raw, stats: null, problem: decoded.problem };
    this.parsed.set(sku, entry);
    return entry;
  }
}
