import type * as Y from 'yjs';
import type { Actor } from '../actor.ts';
import { RecordCodec } from '../catalog/record-codec.ts';
import { RecordCollection } from '../catalog/record-collection.ts';
import { isBelow } from '../code-tree.ts';
import { randomId } from '../ids.ts';
import { failure, fromZod, type Result } from '../result.ts';
import { MAINTENANCE_ROOM } from '../sync/rooms.ts';
import type { InvalidEntry } from '../validation.ts';
import { type Asset, AssetFields, AssetInput, AssetPatch, Asset as AssetSchema } from './asset.ts';
import { effectiveMinimums } from './critical-spares.ts';
import {
  type DueWorkOrder,
  dueWorkOrders,
  type Schedule,
  ScheduleFields,
  ScheduleInput,
  SchedulePatch,
  Schedule as ScheduleSchema,
} from './schedule.ts';

// Short stored names: see record-codec.ts. Never reuse a short name for another field.
export const ASSET_CODEC = new RecordCodec(
  'code',
  {
    name: 'n',
    parent: 'p',
    location: 'l',
    criticality: 'c',
    barcode: 'b',
    spares: 's',
    active: 'a',
    createdAt: 't',
    createdBy: 'by',
  },
  AssetFields.shape,
);
export const SCHEDULE_CODEC = new RecordCodec(
  'id',
  {
    asset: 'as',
    title: 'n',
    recurrence: 'r',
    start: 'st',
    parts: 'pt',
    reserveDaysAhead: 'ra',
    priority: 'pr',
    active: 'a',
    createdAt: 't',
    createdBy: 'by',
  },
  ScheduleFields.shape,
);

/** What the maintenance room checks against other rooms when given (the catalog's locations and items). */
export interface MaintenanceReferences {
  locationExists?(code: string): boolean;
  itemExists?(sku: string): boolean;
}

/**
 * The `maintenance` room: assets and preventive schedules, each a record with field-level
 * merges (catalog/record-collection.ts). Writes check what spans records — an asset's parent
 * exists and is not below it, asset barcodes are unique, a schedule's asset exists — and
 * return a Result. Reads validate every record. The same class runs in browser and server.
 */
export class MaintenanceRoom {
  readonly assets: RecordCollection<Asset>;
  readonly schedules: RecordCollection<Schedule>;

  constructor(
    readonly doc: Y.Doc,
    private readonly references: MaintenanceReferences = {},
  ) {
    this.assets = new RecordCollection(doc, 'assets', AssetSchema, MAINTENANCE_ROOM, 'code', ASSET_CODEC);
    this.schedules = new RecordCollection(
      doc,
      'schedules',
      ScheduleSchema,
      MAINTENANCE_ROOM,
      'id',
      SCHEDULE_CODEC,
    );
  }

  invalidEntries(): InvalidEntry[] {
    return [...this.assets.invalidEntries(), ...this.schedules.invalidEntries()];
  }

  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  destroy(): void {
    this.assets.destroy();
    this.schedules.destroy();
  }

  // ── assets ────────────────────────────────────────────────────────────────────────────

  createAsset(input: unknown, actor: Actor, now = new Date()): Result<Asset> {
    const parsed = fromZod(AssetInput.safeParse(input));
    if (!parsed.ok) return parsed;
    const value = parsed.value;
    if (this.assets.exists(value.code))
      return failure('conflict', `asset ${value.code} already exists`, 'code');
    const problem = this.assetProblem(value, undefined);
    if (problem) return problem;
    const asset: Asset = { ...value, createdAt: now.toISOString(), createdBy: actor.user };
    this.assets.create(asset.code, asset);
    return { ok: true, value: this.assets.get(asset.code) ?? asset };
  }

  patchAsset(code: string, patch: unknown): Result<Asset> {
    const current = this.assets.get(code);
    if (!current) return failure('not_found', `no asset ${code}`, 'code');
    const parsed = fromZod(AssetPatch.safeParse(patch));
    if (!parsed.ok) return parsed;
    const next: Asset = { ...current, ...parsed.value };
    const problem = this.assetProblem(next, current);
    if (problem) return problem;
    this.assets.patch(code, changedFields(current, parsed.value));
    return { ok: true, value: this.assets.get(code) ?? next };
  }

  /** The asset a scanned tag belongs to (the smallest code, should a merge have given two the same). */
  assetForBarcode(barcode: string): Asset | undefined {
    let found: Asset | undefined;
    for (const a of this.assets.values())
      if (a.barcode === barcode && (!found || a.code < found.code)) found = a;
    return found;
  }

  /** Recommended spares of the active critical and high assets, per SKU (critical-spares.ts). */
  criticalMinimums(itemMinimums?: ReadonlyMap<string, number | null>): Map<string, number> {
    return effectiveMinimums(this.assets.values(), itemMinimums);
  }

  // ── schedules ─────────────────────────────────────────────────────────────────────────

  createSchedule(input: unknown, actor: Actor, now = new Date()): Result<Schedule> {
    const parsed = fromZod(ScheduleInput.safeParse(input));
    if (!parsed.ok) return parsed;
    const problem = this.scheduleProblem(parsed.value, undefined);
    if (problem) return problem;
    const schedule: Schedule = {
      ...parsed.value,
      id: randomId(),
      createdAt: now.toISOString(),
      createdBy: actor.user,
    };
    this.schedules.create(schedule.id, schedule);
    return { ok: true, value: this.schedules.get(schedule.id) ?? schedule };
  }

  patchSchedule(id: string, patch: unknown): Result<Schedule> {
    const current = this.schedules.get(id);
    if (!current) return failure('not_found', `no schedule ${id}`, 'id');
    const parsed = fromZod(SchedulePatch.safeParse(patch));
    if (!parsed.ok) return parsed;
    const next: Schedule = { ...current, ...parsed.value };
    const problem = this.scheduleProblem(next, current);
    if (problem) return problem;
    this.schedules.patch(id, changedFields(current, parsed.value));
    return { ok: true, value: this.schedules.get(id) ?? next };
  }

  /** Every occurrence of every active schedule that must exist as a work order on `today` (schedule.ts). */
  dueWorkOrders(today: Date | string): DueWorkOrder[] {
    const out: DueWorkOrder[] = [];
    for (const s of this.schedules.values()) {
      const asset = this.assets.get(s.asset);
      if (asset && !asset.active) continue; // an asset taken out of service needs no maintenance
      out.push(...dueWorkOrders(s, today));
    }
    return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
  }

  // ── checks across records ─────────────────────────────────────────────────────────────

  private assetProblem(next: Omit<Asset, 'createdAt' | 'createdBy'>, current: Asset | undefined) {
    const code = next.code;
    const parent = next.parent ?? null;
    if (parent !== null && parent !== (current?.parent ?? null)) {
      if (parent === code) return failure('invalid', 'an asset cannot be part of itself', 'parent');
      if (!this.assets.get(parent))
        return failure('not_found', `parent asset ${parent} does not exist`, 'parent');
      if (isBelow(parent, code, (at) => this.assets.get(at)?.parent))
        return failure('invalid', `${parent} is part of ${code}: an asset cannot sit below itself`, 'parent');
    }
    const location = next.location ?? null;
    if (
      location !== null &&
      location !== (current?.location ?? null) &&
      this.references.locationExists &&
      !this.references.locationExists(location)
    )
      return failure('not_found', `no location ${location}`, 'location');
    const barcode = next.barcode ?? null;
    if (barcode !== null && barcode !== (current?.barcode ?? null)) {
      for (const other of this.assets.values())
        if (other.code !== code && other.barcode === barcode)
          return failure(
            'conflict',
            `barcode ${barcode} is already the tag of asset ${other.code}`,
            'barcode',
          );
    }
    const before = new Set(current?.spares.map((s) => s.sku));
    for (const [i, s] of (next.spares ?? []).entries()) {
      if (before.has(s.sku) || !this.references.itemExists || this.references.itemExists(s.sku)) continue;
      return failure('not_found', `no item with SKU ${s.sku}`, `spares.${i}.sku`);
    }
    return null;
  }

  private scheduleProblem(
    next: Omit<Schedule, 'id' | 'createdAt' | 'createdBy'>,
    current: Schedule | undefined,
  ) {
    if (next.asset !== current?.asset && !this.assets.get(next.asset))
      return failure('not_found', `no asset ${next.asset}`, 'asset');
    const before = new Set(current?.parts.map((s) => s.sku));
    for (const [i, p] of next.parts.entries()) {
      if (before.has(p.sku) || !this.references.itemExists || this.references.itemExists(p.sku)) continue;
      return failure('not_found', `no item with SKU ${p.sku}`, `parts.${i}.sku`);
    }
    return null;
  }
}

/** Only fields whose value really changes are written, so an unchanged field never wins a merge. */
function changedFields<T extends object>(current: T, patch: Partial<T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (JSON.stringify((current as Record<string, unknown>)[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out;
}
