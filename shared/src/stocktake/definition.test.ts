// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromZod } from '../result.ts';
import { StocktakeInput, Tolerance } from './definition.ts';

const errors = (result: ReturnType<typeof fromZod>) => (result.ok ? [] : result.fields);

describe('tolerance', () => {
  it('refuses negative criteria in plain words', () => {
    expect(errors(fromZod(Tolerance.safeParse({ units: -1, percent: -5, value: -0.01 })))).toEqual([
      { path: 'units', message: 'must not be negative' },
      { path: 'percent', message: 'must not be negative' },
      { path: 'value', message: 'must not be negative' },
    ]);
    expect(Tolerance.safeParse({ units: 0, percent: 0, value: 0 }).success).toBe(true);
  });

  it('names the upper limits and refuses what is not a number', () => {
    expect(errors(fromZod(Tolerance.safeParse({ percent: 1001, value: 2e12, units: 'two' })))).toEqual([
      { path: 'units', message: 'must be a number' },
      { path: 'percent', message: 'must be at most 1,000 %' },
      { path: 'value', message: 'must be at most 1,000,000,000,000' },
    ]);
  });

  it('reports a negative tolerance of a new stocktake on its field, with the others', () => {
    expect(
      errors(
        fromZod(
          StocktakeInput.safeParse({ name: 'x'.repeat(201), locations: ['A'], tolerance: { percent: -1 } }),
        ),
      ),
    ).toEqual([
      { path: 'name', message: 'must be at most 200 characters' },
      { path: 'tolerance.percent', message: 'must not be negative' },
    ]);
  });
});
