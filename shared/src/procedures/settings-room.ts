import type * as Y from 'yjs';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { identifier } from '../text.ts';
import {
  Conventions,
  DEFAULT_SETTINGS,
  Job,
  type ProcedureSettings,
  Procedures,
  ReasonCodes,
  Thresholds,
} from './settings.ts';

/** The top-level map of the `settings` room: one value per setting, each saved whole by an admin. */
export const SETTINGS_MAP = 'settings';

/**
 * Keys of the settings map and what each holds. A checklist is one key per job, so two admins
 * editing different jobs' checklists at once both keep their edit; the same key saved twice
 * concurrently resolves to one of the two (Yjs map semantics), which is fine for settings.
 */
export const SETTING_SCHEMAS = {
  ...(Object.fromEntries(Job.options.map((j) => [`procedure:${j}`, Procedures.shape[j]])) as Record<
    `procedure:${Job}`,
    (typeof Procedures.shape)[Job]
  >),
  reasonCodes: ReasonCodes,
  conventions: Conventions,
  thresholds: Thresholds,
} as const;
export type SettingKey = keyof typeof SETTING_SCHEMAS;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_SCHEMAS, key);
}

const stamp = { user: identifier(64), device: identifier(64), at: z.iso.datetime() };

/** One saved setting as stored: the value and who saved it, when. */
export function savedSetting<S extends z.ZodType>(schema: S) {
  return z.object({ value: schema, ...stamp });
}

/** Reads (and, for the server or an admin's device, writes) the settings room. */
export class SettingsRoom {
  readonly map: Y.Map<unknown>;

  constructor(readonly doc: Y.Doc) {
    this.map = doc.getMap(SETTINGS_MAP);
  }

  /** A setting's saved value, or undefined when it was never saved or what is stored is invalid. */
  saved<K extends SettingKey>(key: K): z.infer<(typeof SETTING_SCHEMAS)[K]> | undefined {
    const parsed = savedSetting(SETTING_SCHEMAS[key]).safeParse(this.map.get(key));
    return parsed.success ? (parsed.data.value as z.infer<(typeof SETTING_SCHEMAS)[K]>) : undefined;
  }

  /** Who saved a setting last, and when (undefined: still the default). */
  savedBy(key: SettingKey): { user: string; at: string } | undefined {
    const parsed = savedSetting(z.unknown()).safeParse(this.map.get(key));
    return parsed.success ? { user: parsed.data.user, at: parsed.data.at } : undefined;
  }

  /** Every setting: the saved one where valid, else the default shipped with the app. */
  settings(): ProcedureSettings {
    const procedures = Object.fromEntries(
      Job.options.map((j) => [j, this.saved(`procedure:${j}`) ?? DEFAULT_SETTINGS.procedures[j]]),
    ) as Procedures;
    return {
      procedures,
      reasonCodes: this.saved('reasonCodes') ?? DEFAULT_SETTINGS.reasonCodes,
      conventions: this.saved('conventions') ?? DEFAULT_SETTINGS.conventions,
      thresholds: this.saved('thresholds') ?? DEFAULT_SETTINGS.thresholds,
    };
  }

  /** Saves a setting (validated first): the stored value is stamped with the actor. */
  save<K extends SettingKey>(
    key: K,
    value: z.infer<(typeof SETTING_SCHEMAS)[K]>,
    actor: Actor,
    now = new Date(),
  ) {
    const parsed = SETTING_SCHEMAS[key].parse(value);
    this.map.set(key, { value: parsed, user: actor.user, device: actor.device, at: now.toISOString() });
  }

  onChange(listener: () => void): () => void {
    const observer = () => listener();
    this.map.observe(observer);
    return () => this.map.unobserve(observer);
  }

  /** Nothing to release: the room's observers are removed by their own `onChange` disposers. */
  destroy(): void {}
}
