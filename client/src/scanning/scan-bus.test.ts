import { createScanEvent } from '@stockroom/shared/scanning/scan-event';
import { describe, expect, it } from 'vitest';
import { ScanBus } from './scan-bus.ts';

describe('ScanBus', () => {
  it('delivers valid scans to every listener until they unsubscribe', () => {
    const bus = new ScanBus();
    const a: string[] = [];
    const b: string[] = [];
    const offA = bus.subscribe((e) => a.push(e.raw));
    bus.subscribe((e) => b.push(e.raw));
    expect(bus.publish(createScanEvent({ raw: 'SKU-1', source: 'manual' }))).toBe(true);
    offA();
    bus.publish(createScanEvent({ raw: 'SKU-2', source: 'wedge' }));
    expect(a).toEqual(['SKU-1']);
    expect(b).toEqual(['SKU-1', 'SKU-2']);
  });

  it('refuses malformed events', () => {
    const bus = new ScanBus();
    const seen: unknown[] = [];
    bus.subscribe((e) => seen.push(e));
    const bad = { ...createScanEvent({ raw: 'X', source: 'camera' }), source: 'telepathy' };
    expect(bus.publish(bad as never)).toBe(false);
    expect(seen).toEqual([]);
  });
});
