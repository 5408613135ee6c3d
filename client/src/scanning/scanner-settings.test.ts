import { describe, expect, it } from 'vitest';
import { memoryStore } from '../session/key-value-store.ts';
import {
  defaultScannerSettings,
  loadScannerSettings,
  SCANNER_SETTINGS_KEY,
  saveScannerSettings,
} from './scanner-settings.ts';

describe('scanner settings', () => {
  it('round-trips through storage', () => {
    const store = memoryStore();
    const s = defaultScannerSettings();
    s.wedge.prefix = '#';
    s.camera.repeat = true;
    expect(saveScannerSettings(store, s)).toBe(true);
    expect(loadScannerSettings(store)).toEqual(s);
  });

  it('falls back to defaults for missing, corrupt or invalid data, and fills new fields', () => {
    const store = memoryStore();
    expect(loadScannerSettings(store)).toEqual(defaultScannerSettings());
    store.setItem(SCANNER_SETTINGS_KEY, '{not json');
    expect(loadScannerSettings(store)).toEqual(defaultScannerSettings());
    store.setItem(SCANNER_SETTINGS_KEY, JSON.stringify({ wedge: { maxGapMs: -5 } }));
    expect(loadScannerSettings(store)).toEqual(defaultScannerSettings());
    store.setItem(SCANNER_SETTINGS_KEY, JSON.stringify({ wedge: { prefix: '>' } }));
    expect(loadScannerSettings(store).wedge).toMatchObject({ prefix: '>', maxGapMs: 50, minLength: 4 });
    expect(loadScannerSettings(store).camera.engine).toBe('zxing-wasm');
  });
});
