import type { Actor } from '@stockroom/shared/actor';
import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { causeId } from '@stockroom/shared/ids';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import type { Definition, StocktakeInput } from '@stockroom/shared/stocktake/definition';
import type { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { errorsByField, type FieldErrors, parseNumberField } from '../ui/form-errors.ts';

export interface CreateFormValues {
  name: string;
  /** Locations (bins, or zones meaning everything below them) or a cycle count of items. */
  kind: 'locations' | 'items';
  /** Codes ticked in the location tree. */
  locations: string[];
  /** Cycle count: SKUs (or barcodes), separated by commas, spaces or new lines. */
  skus: string;
  blind: boolean;
  toleranceUnits: string;
  tolerancePercent: string;
  toleranceValue: string;
  /** Usernames of the counters, separated by commas or spaces. */
  counters: string;
}

export function emptyCreateForm(): CreateFormValues {
  return {
    name: '',
    kind: 'locations',
    locations: [],
    skus: '',
    blind: true,
    toleranceUnits: '',
    tolerancePercent: '',
    toleranceValue: '',
    counters: '',
  };
}

/** "a, b c\nd" → ['a','b','c','d'] (no empties, no duplicates, order kept). */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** The stocktake id a form submission gets: the same open form always gives the same id (double taps create one). */
export function stocktakeFormId(deviceId: string, token: string): string {
  return causeId('stocktake-form', deviceId, token).slice(0, 12);
}

/** The typed form as the domain's StocktakeInput; number fields that do not parse are field errors. */
export function toStocktakeInput(
  values: CreateFormValues,
  resolveSku: (code: string) => string | undefined,
): { input: StocktakeInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const tolerance: Record<string, number> = {};
  const numbers = [
    ['units', values.toleranceUnits],
    ['percent', values.tolerancePercent],
    ['value', values.toleranceValue],
  ] as const;
  for (const [key, text] of numbers) {
    const parsed = parseNumberField(text);
    if (!parsed.ok) errors[`tolerance.${key}`] = 'must be a number';
    else if (parsed.value !== null) tolerance[key] = parsed.value;
  }
  const input: StocktakeInput = {
    name: values.name,
    blind: values.blind,
    tolerance,
    counters: splitList(values.counters),
  };
  if (values.kind === 'items') {
    input.skus = splitList(values.skus).map((code) => resolveSku(code) ?? code);
    if (values.locations.length) input.locations = [...values.locations];
  } else {
    input.locations = [...values.locations];
  }
  return { input, errors };
}

export interface CreateContext {
  /** The users who may count (from the server, cached on the device); null when not known yet (offline, first use). */
  counters?: readonly string[] | null;
  room: StocktakeRoom;
  index: StocktakeIndex;
  catalog: Catalog;
  /** Stock on hand: a cycle count with no locations counts wherever its items are. */
  stock: Iterable<StockLine>;
  actor: Actor;
  now?: Date;
}

export type CreateOutcome = { ok: true; definition: Definition } | { ok: false; errors: FieldErrors };

/**
 * Defines the stocktake in its own room, then lists it in the index (both local first).
 * A room that already holds this definition (the form sent twice) is simply listed again.
 */
export function createStocktake(values: CreateFormValues, ctx: CreateContext): CreateOutcome {
  const existing = ctx.room.definition();
  if (existing) {
    ctx.index.addDefinition(existing);
    return { ok: true, definition: existing };
  }
  const { input, errors } = toStocktakeInput(values, (code) => ctx.catalog.skuForCode(code));
  const unknown = unknownCounters(input.counters ?? [], ctx.counters ?? null);
  if (unknown.length)
    errors.counters = `${unknown.join(', ')}: ${unknown.length === 1 ? 'is not a user' : 'are not users'} who may count (pick from the list)`;
  if (Object.keys(errors).length) return { ok: false, errors };
  const defined = ctx.room.define(input, {
    actor: ctx.actor,
    catalog: ctx.catalog,
    stock: ctx.stock,
    ...(ctx.now ? { now: ctx.now } : {}),
  });
  if (!defined.ok) return { ok: false, errors: errorsByField(defined) };
  ctx.index.addDefinition(defined.value);
  return { ok: true, definition: defined.value };
}

/** Named counters that are not among the users who may count (case-insensitive); none when the list is not known. */
export function unknownCounters(named: readonly string[], known: readonly string[] | null): string[] {
  if (known === null) return [];
  const set = new Set(known.map((k) => k.toLowerCase()));
  return named.filter((n) => !set.has(n.trim().toLowerCase()));
}
