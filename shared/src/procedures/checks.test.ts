// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  approvalNeeded,
  conventionProblem,
  conventionProblems,
  enforcedSteps,
  resolveReasonCode,
  thresholdFor,
  unmetSteps,
} from './checks.ts';
import {
  Conventions,
  DEFAULT_PROCEDURES,
  DEFAULT_REASON_CODES,
  ReasonCodes,
  Thresholds,
} from './settings.ts';

const conventions: Conventions = {
  sku: String.raw`^[A-Z]{2}-\d{4}$`,
  location: '^[A-Z]-\\d{2}',
  barcode: '',
};

describe('tagging conventions', () => {
  it('a code that follows the pattern passes; one that does not is named with the pattern', () => {
    expect(conventionProblem(conventions, 'sku', 'AB-1234')).toBeNull();
    expect(conventionProblem(conventions, 'sku', 'ab-1234')).toBe(
      'ab-1234 does not follow the SKU convention ^[A-Z]{2}-\\d{4}$',
    );
    expect(conventionProblem(conventions, 'location', 'A-01-02')).toBeNull();
    expect(conventionProblem(conventions, 'location', 'shelf')).toContain(
      'location code convention ^[A-Z]-\\d{2}',
    );
  });
  it('an empty pattern is no rule', () => {
    expect(conventionProblem(conventions, 'barcode', 'anything at all')).toBeNull();
  });
  it('lists every broken field with its path (barcodes by index)', () => {
    const c = { ...conventions, barcode: '^\\d{13}$' };
    expect(conventionProblems(c, { sku: 'x', barcodes: ['4006381333931', '12'] }).map((p) => p.path)).toEqual(
      ['sku', 'barcodes.1'],
    );
    expect(conventionProblems(c, { location: 'B-07' })).toEqual([]);
  });
  it('refuses a pattern that is not a regular expression, and accepts empty ones', () => {
    const r = Conventions.safeParse({ sku: '^[A-Z', location: '', barcode: '' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['sku'], message: 'is not a valid regular expression' });
    expect(Conventions.safeParse({ sku: '', location: '', barcode: '' }).success).toBe(true);
  });
});

describe('reason codes', () => {
  const required: ReasonCodes = { ...DEFAULT_REASON_CODES, required: true };
  it('a named code must be listed for the movement type', () => {
    expect(resolveReasonCode(DEFAULT_REASON_CODES, 'adjust', 'damaged', undefined)).toMatchObject({
      ok: true,
      code: { code: 'damaged' },
    });
    const bad = resolveReasonCode(DEFAULT_REASON_CODES, 'adjust', 'lost-in-space', 'x');
    expect(bad).toMatchObject({ ok: false, path: 'reasonCode' });
    expect(bad.ok === false && bad.message).toContain('count-correction');
  });
  it('a free-text reason naming a code or label (any case) is that code', () => {
    expect(resolveReasonCode(DEFAULT_REASON_CODES, 'adjust', undefined, 'Count Correction')).toMatchObject({
      code: { code: 'count-correction' },
    });
    expect(resolveReasonCode(DEFAULT_REASON_CODES, 'adjust', undefined, ' theft ')).toMatchObject({
      code: { code: 'theft' },
    });
  });
  it('other free text: accepted without a code unless codes are required', () => {
    expect(resolveReasonCode(DEFAULT_REASON_CODES, 'adjust', undefined, 'wrong bin')).toEqual({
      ok: true,
      code: null,
    });
    const r = resolveReasonCode(required, 'adjust', undefined, 'wrong bin');
    expect(r).toMatchObject({ ok: false, path: 'reasonCode' });
    expect(r.ok === false && r.message).toMatch(/^is required: one of damaged, expired/);
  });
  it('refuses a code listed twice', () => {
    const twice = structuredClone(DEFAULT_REASON_CODES);
    twice.types.adjust.push({ code: 'damaged', label: 'Broken' });
    expect(ReasonCodes.safeParse(twice).success).toBe(false);
  });
});

describe('checklist steps the app enforces', () => {
  it('only steps with a check are enforced', () => {
    expect(enforcedSteps(DEFAULT_PROCEDURES.receive)).toEqual([2]);
    expect(enforcedSteps(DEFAULT_PROCEDURES.count)).toEqual([0]);
    expect(enforcedSteps(DEFAULT_PROCEDURES['close-stocktake'])).toEqual([]);
  });
  it('the bin first: unmet only when the app knows the item came first', () => {
    expect(unmetSteps(DEFAULT_PROCEDURES.count, { binScannedFirst: false }).map((s) => s.check)).toEqual([
      'bin-first',
    ]);
    expect(unmetSteps(DEFAULT_PROCEDURES.count, { binScannedFirst: true })).toEqual([]);
    expect(unmetSteps(DEFAULT_PROCEDURES.count, {})).toEqual([]);
  });
  it('a lot for lot-tracked items only', () => {
    expect(unmetSteps(DEFAULT_PROCEDURES.receive, { lotTracked: true, lot: ' ' })).toMatchObject([
      { step: 2, check: 'lot' },
    ]);
    expect(unmetSteps(DEFAULT_PROCEDURES.receive, { lotTracked: true, lot: 'L-7' })).toEqual([]);
    expect(unmetSteps(DEFAULT_PROCEDURES.receive, { lotTracked: false })).toEqual([]);
  });
  it('a note for damage', () => {
    expect(unmetSteps(DEFAULT_PROCEDURES.adjust, { reasonCode: 'damaged' })).toMatchObject([
      { check: 'damage-note' },
    ]);
    expect(unmetSteps(DEFAULT_PROCEDURES.adjust, { reasonCode: 'damaged', note: 'forklift' })).toEqual([]);
    expect(unmetSteps(DEFAULT_PROCEDURES.adjust, { reasonCode: 'found' })).toEqual([]);
  });
});

describe('approval thresholds', () => {
  const thresholds: Thresholds = [
    { category: 'Electrical', quantity: 10 },
    { category: '*', value: 500 },
  ];
  it('a category’s own line, else the catch-all, else none', () => {
    expect(thresholdFor(thresholds, 'Electrical')).toEqual({ category: 'Electrical', quantity: 10 });
    expect(thresholdFor(thresholds, 'Fasteners')).toEqual({ category: '*', value: 500 });
    expect(thresholdFor([], 'Fasteners')).toBeUndefined();
  });
  it('holds what exceeds the quantity or the value, either sign; at the limit passes', () => {
    const t = { category: 'x', quantity: 10, value: 100 };
    expect(approvalNeeded(t, -10, 50)).toBeNull();
    expect(approvalNeeded(t, -11, 50)).toBe('quantity 11 is above the limit of 10');
    expect(approvalNeeded(t, 2, -150)).toBe('value 150.00 is above the limit of 100');
    expect(approvalNeeded(t, 2, null)).toBeNull();
    expect(approvalNeeded(undefined, 1e6, 1e9)).toBeNull();
  });
  it('a threshold needs a limit; a category is listed once', () => {
    expect(Thresholds.safeParse([{ category: 'a' }]).success).toBe(false);
    expect(
      Thresholds.safeParse([
        { category: 'a', quantity: 1 },
        { category: 'a', value: 1 },
      ]).success,
    ).toBe(false);
  });
});
