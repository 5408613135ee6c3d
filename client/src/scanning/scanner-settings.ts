import { WedgeOptions } from '@stockroom/shared/scanning/wedge-detector';
import { createSignal } from 'solid-js';
import { z } from 'zod';
import { type KeyValueStore, readJson, writeJson } from '../session/key-value-store.ts';
import { DEFAULT_ENGINE } from './decoder-engine.ts';
import { EngineNameSchema } from './decoder-protocol.ts';

/** How this device scans: saved per device (a handheld scanner is set up per device, not per user). */
export const ScannerSettings = z.object({
  wedge: WedgeOptions.default(WedgeOptions.parse({})),
  camera: z
    .object({
      engine: EngineNameSchema.default(DEFAULT_ENGINE),
      /** The same code is not accepted again within this time (unless repeat is on). */
      cooldownMs: z.number().int().min(0).max(600_000).default(3000),
      /** Counting identical items: accept the same code each time it comes back into view. */
      repeat: z.boolean().default(false),
      /** The camera the person picked last (deviceId), or null for "the rear camera". */
      deviceId: z.string().nullable().default(null),
      beep: z.boolean().default(true),
    })
    .default({ engine: DEFAULT_ENGINE, cooldownMs: 3000, repeat: false, deviceId: null, beep: true }),
});
export type ScannerSettings = z.infer<typeof ScannerSettings>;

export const SCANNER_SETTINGS_KEY = 'stockroom.scanner-settings';

export function defaultScannerSettings(): ScannerSettings {
  return ScannerSettings.parse({});
}

/** The saved settings, or the defaults when nothing (or something unreadable) is stored. */
export function loadScannerSettings(store: KeyValueStore): ScannerSettings {
  const parsed = ScannerSettings.safeParse(readJson(store, SCANNER_SETTINGS_KEY) ?? {});
  return parsed.success ? parsed.data : defaultScannerSettings();
}

export function saveScannerSettings(store: KeyValueStore, settings: ScannerSettings): boolean {
  return writeJson(store, SCANNER_SETTINGS_KEY, ScannerSettings.parse(settings));
}

function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (privacy settings): settings live for this page only
  }
}

const store = browserStore();
const [settings, setSettingsSignal] = createSignal<ScannerSettings>(
  store ? loadScannerSettings(store) : defaultScannerSettings(),
);

/** This device's scanner settings, reactive (every scanner on screen follows a change at once). */
export const scannerSettings = settings;

export function updateScannerSettings(next: ScannerSettings): void {
  const valid = ScannerSettings.parse(next);
  setSettingsSignal(valid);
  if (store) saveScannerSettings(store, valid);
}
