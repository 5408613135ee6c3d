// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { visibleRange } from './visible-range.ts';

describe('visibleRange', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(visibleRange(0, 400, 40, 50_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(40_000, 400, 40, 50_000, 5)).toEqual({ start: 995, end: 1016 });
  });

  it('clamps to the list at the end, for tiny lists and for odd scroll positions', () => {
    expect(visibleRange(2_000_000, 400, 40, 50_000, 5)).toEqual({ start: 49_994, end: 50_000 });
    expect(visibleRange(0, 400, 40, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(-50, 400, 40, 100, 0)).toEqual({ start: 0, end: 11 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
  });
});
