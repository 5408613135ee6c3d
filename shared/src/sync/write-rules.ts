import { can, type Permission } from '../access/permissions.ts';
import type { Role } from '../access/role.ts';

/**
 * Write rules: what a connection may change inside a room, declared next to each room's
 * schema (catalog/, ledger/, stocktake/ … write-rules.ts) and enforced by the server on
 * every update before it is stored. The server turns an update into EntryChanges (which
 * entry of which top-level map it adds, replaces, overwrites or removes) and asks the
 * room's rules; one refusal refuses the whole update.
 */

/** The connection a change comes from, as the server authenticated it. */
export interface Writer {
  user: string;
  /** The device id of the connection's session (what honest clients stamp as `device`). */
  device: string;
  role: Role;
}

/** What one update does to one entry (key) of one top-level map, as the server sees it before storing it. */
export interface EntryChange {
  map: string;
  key: string;
  /** The value visible now; undefined when there is none. */
  before: unknown;
  /** The value visible once the update is applied; undefined when there will be none. */
  after: unknown;
  /** Every value the update writes under this key (also those that lose a concurrent conflict). */
  added: unknown[];
  /** The update edits the value it names as its predecessor (a field edit), rather than adding one. */
  overwrites: boolean;
  /** The visible value will be a different write than now (an edit, or a concurrent copy that wins). */
  replaced: boolean;
}

/** null: allowed. A string: why not (logged, audited, sent as the close reason). */
export type Refusal = string | null;

/** Lookups for rules that depend on other entries: what an entry holds now, or with this update applied. */
export interface RuleView {
  get(map: string, key: string): unknown;
  /** Every value of a map (held ones, then this update's). */
  values(map: string): Iterable<unknown>;
}

/**
 * How the entries of one map may change:
 * - append: added once, never edited or removed (events). A concurrent copy of the same id
 *   (the same cause on two devices) may take the place of the one held only where `replace` says so.
 * - fields: set and edited freely, never removed (one value per record field).
 * - server: only the server writes here.
 */
export interface MapRule {
  mode: 'append' | 'fields' | 'server';
  /** May this writer write this value under this key? */
  add?(value: unknown, key: string, writer: Writer, view: RuleView): Refusal;
  /** append: may `incoming` (a concurrent copy of the id) take the place of `held`? Default: the same user wrote both. */
  replace?(held: unknown, incoming: unknown, writer: Writer, view: RuleView): Refusal;
}

export interface RoomRules {
  readonly maps: Readonly<Record<string, MapRule>>;
}

/** The first rule an update's changes break, or null when every change is allowed. */
export function checkChanges(
  rules: RoomRules,
  changes: Iterable<EntryChange>,
  writer: Writer,
  view: RuleView,
): Refusal {
  for (const c of changes) {
    const refusal = checkChange(rules, c, writer, view);
    if (refusal) return `${c.map}/${c.key}: ${refusal}`;
  }
  return null;
}

function checkChange(rules: RoomRules, c: EntryChange, writer: Writer, view: RuleView): Refusal {
  const rule = Object.hasOwn(rules.maps, c.map) ? rules.maps[c.map] : undefined;
  if (!rule) return `${c.map} is not part of this room`;
  if (rule.mode === 'server') return 'only the server writes here';
  for (const value of c.added) {
    const refusal = rule.add?.(value, c.key, writer, view) ?? null;
    if (refusal) return refusal;
  }
  const removes = c.before !== undefined && c.after === undefined;
  if (rule.mode === 'fields') return removes ? 'fields are never removed' : null;
  if (c.overwrites) return 'entries here are never changed';
  if (removes) return 'entries here are never removed';
  if (c.replaced && c.before !== undefined) {
    const replace = rule.replace ?? sameUser;
    return replace(c.before, c.after, writer, view);
  }
  return null;
}

/** The default for concurrent copies of one id: allowed when one user wrote both. */
export function sameUser(held: unknown, incoming: unknown): Refusal {
  const a = fieldOf(held, 'user');
  return a !== undefined && a === fieldOf(incoming, 'user') ? null : 'another user wrote this entry';
}

// ── helpers for rule declarations ─────────────────────────────────────────────────────────

/** A string field of a plain-object value, else undefined. */
export function fieldOf(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : undefined;
}

/** The value is stamped by the writer: its `user` and `device` are the connection's own. */
export function stampedBy(value: unknown, writer: Writer): Refusal {
  if (fieldOf(value, 'user') !== writer.user) return 'written in the name of another user';
  if (fieldOf(value, 'device') !== writer.device) return 'written in the name of another device';
  return null;
}

/** The value's `id` is its key (events are keyed by their id). */
export function keyedById(value: unknown, key: string): Refusal {
  return fieldOf(value, 'id') === key ? null : 'its id is not its key';
}

/** A value that a schema accepts, or the reason it does not. */
export function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  what: string,
): { value: T } | { refusal: string } {
  const r = schema.safeParse(value);
  return r.success ? { value: r.data } : { refusal: `not a valid ${what}` };
}

/** Runs checks in order; the first refusal wins. */
export function allOf(...checks: Refusal[]): Refusal {
  for (const c of checks) if (c) return c;
  return null;
}

/** null when the writer's role has the permission, else `only <who>`. */
export function requires(writer: Writer, permission: Permission, who: string): Refusal {
  return can(writer.role, permission) ? null : `only ${who}`;
}

/** A map whose values a writer with one permission writes in their own name (see stampedAdd). */
export interface StampedRule<T> {
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } };
  /** What a value is, for "not a valid …". */
  what: string;
  permission: Permission;
  /** Who has the permission, for "only …". */
  who: string;
  /** Whether the key is the value's: by default, its id is its key (keyedById). */
  key?(value: T, key: string): Refusal;
  /** Further checks of the valid value (`raw`: as written), after the stamp. */
  also?(value: T, key: string, view: RuleView, raw: unknown): Refusal[];
}

/**
 * The `add` of a StampedRule: the value is valid by its schema, the writer has the permission,
 * the key is right, the value is stamped by the writer (stampedBy) and passes `also`, checked
 * in that order; the first refusal wins.
 */
export function stampedAdd<T>(rule: StampedRule<T>): NonNullable<MapRule['add']> {
  return (value, key, writer, view) => {
    const p = parsed(rule.schema, value, rule.what);
    if ('refusal' in p) return p.refusal;
    return allOf(
      requires(writer, rule.permission, rule.who),
      rule.key ? rule.key(p.value, key) : keyedById(value, key),
      stampedBy(value, writer),
      ...(rule.also?.(p.value, key, view, value) ?? []),
    );
  };
}
