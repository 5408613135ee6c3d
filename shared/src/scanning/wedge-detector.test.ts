// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeOptionsInput, type WedgeScan } from './wedge-detector.ts';

/** Keystrokes for a text at a fixed interval; "\x1d" is sent the way scanners do it: Ctrl+]. */
function keys(text: string, start: number, gapMs: number, end: string | null = 'Enter'): WedgeKey[] {
  const out: WedgeKey[] = [];
  let t = start;
  for (const c of text) {
    out.push(c === '\x1d' ? { key: ']', code: 'BracketRight', ctrlKey: true, time: t } : { key: c, time: t });
    t += gapMs;
  }
  if (end) out.push({ key: end, time: t });
  return out;
}

function run(events: WedgeKey[], options: WedgeOptionsInput = {}) {
  const detector = new WedgeDetector(options);
  const scans: WedgeScan[] = [];
  const suppressed: string[] = [];
  for (const e of events) {
    const step = detector.feed(e);
    if (step.scan) scans.push(step.scan);
    if (step.suppress) suppressed.push(e.key);
  }
  return { scans, suppressed };
}

describe('WedgeDetector', () => {
  it('recognises a fast burst ending in Enter as a scan and swallows the Enter', () => {
    const { scans, suppressed } = run(keys('4006381333931', 1000, 8));
    expect(scans.map((s) => s.text)).toEqual(['4006381333931']);
    expect(scans[0]!.typed).toBe('4006381333931');
    expect(scans[0]!.durationMs).toBe(13 * 8);
    expect(suppressed).toEqual(['Enter']);
  });

  it('ends a scan on Tab too', () => {
    expect(run(keys('BIN-A-01', 0, 5, 'Tab')).scans.map((s) => s.terminator)).toEqual(['Tab']);
  });

  it('does not treat human typing as a scan', () => {
    const { scans, suppressed } = run(keys('BIN-A-01', 0, 120));
    expect(scans).toEqual([]);
    expect(suppressed).toEqual([]); // the person's Enter submits their form as usual
  });

  it('ignores bursts shorter than the minimum length', () => {
    expect(run(keys('ab', 0, 5)).scans).toEqual([]);
    expect(run(keys('ab', 0, 5), { minLength: 2 }).scans.map((s) => s.text)).toEqual(['ab']);
  });

  it('starts over when a person types before the scanner fires', () => {
    const events = [...keys('xy', 0, 200, null), ...keys('SKU-1001', 600, 6)];
    expect(run(events).scans.map((s) => s.text)).toEqual(['SKU-1001']);
  });

  it('rejects a burst whose Enter comes late (a person pressing Enter after pasting)', () => {
    const events = keys('SKU-1001', 0, 6, null);
    events.push({ key: 'Enter', time: 6 * 8 + 400 });
    expect(run(events).scans).toEqual([]);
  });

  it('maps Ctrl+] to the GS1 group separator and suppresses it', () => {
    const { scans, suppressed } = run(keys('0109501101530003\x1d10AB12', 0, 4));
    expect(scans[0]!.text).toBe('0109501101530003\x1d10AB12');
    expect(scans[0]!.typed).toBe('010950110153000310AB12'); // GS never reached a text field
    expect(scans[0]!.charCodes).toContain(29);
    expect(suppressed).toEqual([']', 'Enter']);
  });

  it('turns a configured GS substitute back into GS', () => {
    const { scans } = run(keys('0109501101530003~10AB12', 0, 4), { gsSubstitute: '~' });
    expect(scans[0]!.text).toBe('0109501101530003\x1d10AB12');
  });

  it('requires and strips a configured prefix, strips a suffix', () => {
    const opts = { prefix: '#', suffix: '$' };
    expect(run(keys('#SKU-9$', 0, 5), opts).scans.map((s) => s.text)).toEqual(['SKU-9']);
    expect(run(keys('SKU-9$', 0, 5), opts).scans).toEqual([]);
  });

  it('lets a suffix end the scan when no terminator key is configured', () => {
    const { scans } = run(keys('SKU-77|', 0, 5, null), { suffix: '|', terminators: [] });
    expect(scans.map((s) => s.text)).toEqual(['SKU-77']);
  });

  it('ignores Shift keystrokes inside a burst (scanners press Shift for capitals)', () => {
    const events: WedgeKey[] = [];
    let t = 0;
    for (const c of 'AB12') {
      events.push({ key: 'Shift', time: t++ }, { key: c, time: t });
      t += 5;
    }
    events.push({ key: 'Enter', time: t });
    expect(run(events).scans.map((s) => s.text)).toEqual(['AB12']);
  });

  it('treats shortcuts and editing keys as a person at work', () => {
    const events = [...keys('SKU', 0, 5, null), { key: 'Backspace', time: 16 }, ...keys('-1', 20, 5)];
    expect(run(events).scans).toEqual([]);
  });

  it('detects consecutive scans', () => {
    const events = [...keys('BIN-A-01', 0, 5), ...keys('SKU-1001', 500, 5)];
    expect(run(events).scans.map((s) => s.text)).toEqual(['BIN-A-01', 'SKU-1001']);
  });

  it('validates its options', () => {
    expect(() => new WedgeDetector({ maxGapMs: -1 })).toThrow();
  });
});
