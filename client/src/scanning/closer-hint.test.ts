import { describe, expect, it } from 'vitest';
import { CloserHint } from './closer-hint.ts';

const unreadable = { codes: [], unreadable: 1 };
const empty = { codes: [], unreadable: 0 };
const read = { codes: [{ text: 'A' }], unreadable: 0 };

describe('CloserHint', () => {
  it('asks to move closer once a symbol is found but not decoded in 3 of the last 6 frames', () => {
    const hint = new CloserHint();
    expect(hint.push(unreadable)).toBe(false);
    expect(hint.push(empty)).toBe(false);
    expect(hint.push(unreadable)).toBe(false);
    expect(hint.push(unreadable)).toBe(true);
  });

  it('ignores a single unreadable frame among empty ones', () => {
    const hint = new CloserHint();
    const shown = [unreadable, empty, empty, empty, empty, empty, unreadable, empty].map((f) => hint.push(f));
    expect(shown.some(Boolean)).toBe(false);
  });

  it('drops the hint as soon as a code is read, and when the symbol leaves the view', () => {
    const hint = new CloserHint();
    for (let i = 0; i < 3; i++) hint.push(unreadable);
    expect(hint.push(read)).toBe(false);
    expect(hint.push(unreadable)).toBe(false);
    const again = new CloserHint();
    for (let i = 0; i < 3; i++) again.push(unreadable);
    const after = [empty, empty, empty, empty].map((f) => again.push(f));
    expect(after).toEqual([true, true, true, false]); // the three sightings age out of the 6-frame window
  });
});
