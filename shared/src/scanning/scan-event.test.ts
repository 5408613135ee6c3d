// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createScanEvent, ScanEvent } from './scan-event.ts';

const at = new Date('2026-03-15T10:00:00Z');

describe('createScanEvent', () => {
  it('builds a valid event with parsed GS1 data', () => {
    const e = createScanEvent({
      raw: '0109501101530003\x1d10LOT-1',
      source: 'camera',
      symbology: 'code128',
      at,
    });
    expect(ScanEvent.parse(e)).toEqual(e);
    expect(e).toMatchObject({ source: 'camera', symbology: 'code128', at: at.toISOString() });
    expect(e.gs1).toMatchObject({ gtin: '09501101530003', lot: 'LOT-1' });
  });

  it('strips an AIM identifier a wedge scanner sends and infers the symbology', () => {
    const e = createScanEvent({ raw: ']d2\x1d0109501101530003\r\n', source: 'wedge', at });
    expect(e.symbology).toBe('datamatrix');
    expect(e.raw).toBe('\x1d0109501101530003');
    expect(e.gs1?.gtin).toBe('09501101530003');
  });

  it('keeps a malformed GS1 code as a scan and says what is wrong', () => {
    const e = createScanEvent({ raw: '0109501101530004', aimId: ']C1', source: 'camera', at });
    expect(e.gs1).toBeUndefined();
    expect(e.gs1Error).toMatch(/check digit should be 3/);
  });

  it('leaves plain codes alone', () => {
    const e = createScanEvent({ raw: 'BIN-A-01', source: 'manual', at });
    expect(e).toMatchObject({ raw: 'BIN-A-01', symbology: 'unknown' });
    expect(e.gs1).toBeUndefined();
    expect(e.gs1Error).toBeUndefined();
  });

  it('the schema refuses events from an untrusted boundary that are not scans', () => {
    expect(ScanEvent.safeParse({ raw: '', source: 'camera' }).success).toBe(false);
    expect(
      ScanEvent.safeParse({ ...createScanEvent({ raw: 'x', source: 'nfc', at }), source: 'fax' }).success,
    ).toBe(false);
  });
});
