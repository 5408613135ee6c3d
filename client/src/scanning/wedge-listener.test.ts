import { describe, expect, it } from 'vitest';
import { attachWedgeListener, removeTypedText } from './wedge-listener.ts';

/** A minimal KeyboardEvent stand-in: Node has EventTarget and Event but no KeyboardEvent. */
function key(k: string, timeStamp: number, extra: Partial<KeyboardEvent> = {}): Event {
  const e = new Event('keydown', { cancelable: true });
  Object.defineProperties(e, {
    key: { value: k },
    code: { value: extra.code ?? '' },
    ctrlKey: { value: extra.ctrlKey ?? false },
    altKey: { value: false },
    metaKey: { value: false },
    isComposing: { value: false },
    timeStamp: { value: timeStamp },
  });
  return e;
}

function clock(start: number, step: number): () => number {
  let t = start;
  return () => {
    t += step;
    return t;
  };
}

describe('attachWedgeListener', () => {
  it('turns a fast burst into a wedge scan event, cancels the Enter, and detaches', () => {
    const target = new EventTarget();
    const scans: string[] = [];
    const detach = attachWedgeListener(target, { onScan: (e) => scans.push(`${e.source}:${e.raw}`) });
    const next = clock(100, 5);
    for (const c of 'BIN-A-01') target.dispatchEvent(key(c, next()));
    const enter = key('Enter', next());
    target.dispatchEvent(enter);
    expect(scans).toEqual(['wedge:BIN-A-01']);
    expect(enter.defaultPrevented).toBe(true);
    detach();
    for (const c of 'SKU-0001') target.dispatchEvent(key(c, next()));
    target.dispatchEvent(key('Enter', next()));
    expect(scans).toHaveLength(1);
  });

  it('keeps the GS1 separator sent as Ctrl+]', () => {
    const target = new EventTarget();
    const raws: string[] = [];
    attachWedgeListener(target, { onScan: (e) => raws.push(e.raw) });
    const next = clock(0, 4);
    for (const c of '0109501101530003') target.dispatchEvent(key(c, next()));
    target.dispatchEvent(key(']', next(), { ctrlKey: true, code: 'BracketRight' }));
    for (const c of '10AB') target.dispatchEvent(key(c, next()));
    target.dispatchEvent(key('Enter', next()));
    expect(raws).toEqual(['0109501101530003\x1d10AB']);
  });
});

describe('removeTypedText', () => {
  it('removes the scanned characters just before the caret and reports input', () => {
    const events: string[] = [];
    const field = Object.assign(new EventTarget(), {
      value: 'qty 3SKU-1',
      selectionStart: 10,
      setSelectionRange(this: { selectionStart: number }, s: number) {
        this.selectionStart = s;
      },
    });
    field.addEventListener('input', () => events.push('input'));
    expect(removeTypedText(field, 'SKU-1')).toBe(true);
    expect(field.value).toBe('qty 3');
    expect(events).toEqual(['input']);
  });
  it('leaves a field alone when the text is not there', () => {
    const field = Object.assign(new EventTarget(), { value: 'abc', selectionStart: 3 });
    expect(removeTypedText(field, 'SKU')).toBe(false);
    expect(field.value).toBe('abc');
  });
});
