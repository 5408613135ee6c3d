// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { windowDays } from './daily-demand.ts';
import { ReplenishmentPolicy } from './policy.ts';
import { type ReplenishmentLineInput, replenishmentLine } from './replenishment-line.ts';

const TODAY = '2026-11-11';
const Z95 = 1.6448536269514722;

/** Issues per day from a series whose last value is yesterday's. */
const issued = (series: number[]) => {
  const days = windowDays(TODAY, series.length);
  return Object.fromEntries(series.map((q, i) => [days[i]!, q]));
};
const repeat = (pattern: number[], days: number) =>
  Array.from({ length: days }, (_, i) => pattern[i % pattern.length]!);

const line = (more: Partial<ReplenishmentLineInput> & { series?: number[] } = {}) => {
  const { series = repeat([10], 90), ...rest } = more;
  return replenishmentLine({
    policy: ReplenishmentPolicy.parse({ method: 'computed', windowDays: series.length }),
    today: TODAY,
    issuedByDay: issued(series),
    leadTime: { observedDays: [], supplierItemDays: 5 },
    onHand: 30,
    onOrder: 10,
    reserved: 5,
    item: { reorderPoint: null, minQty: null, maxQty: null },
    ...rest,
  });
};

describe('replenishment line (computed)', () => {
  it('steady demand: 10 a day for 90 days, L 5 → SS 0, ROP 50, order up to 190', () => {
    expect(line()).toEqual({
      method: 'computed',
      intermittent: false,
      onHand: 30,
      onOrder: 10,
      reserved: 5,
      position: 35,
      averageDailyDemand: 10,
      demandStdDev: 0,
      leadTimeDays: 5,
      leadTimeStdDev: 0,
      leadTimeSource: 'supplier-item',
      safetyStock: 0,
      reorderPoint: 50,
      target: 190, // 50 + 10 × 14
      suggestedQuantity: 155,
      z: expect.closeTo(Z95, 12),
      serviceLevel: 0.95,
      windowDays: 90,
      reviewDays: 14,
    });
  });

  it('position above the reorder point → nothing to order', () => {
    expect(line({ onHand: 45.0001 }).suggestedQuantity).toBe(0);
    expect(line({ onHand: 45 }).suggestedQuantity).toBe(140); // position 50 = ROP: order
  });

  it('day-to-day variability: 5, 15, 5, 15, … (not intermittent)', () => {
    // d̄ 10; squared deviations 25 each: σ_d² = 90·25/89 = 2250/89
    // SS = z·√(5 · 2250/89) = 1.6449 · 11.2430 = 18.4930; ROP = 50 + 18.4930
    const l = line({ series: repeat([5, 15], 90) });
    expect(l.intermittent).toBe(false);
    expect(l.averageDailyDemand).toBe(10);
    expect(l.demandStdDev).toBeCloseTo(Math.sqrt(2250 / 89), 12);
    expect(l.safetyStock).toBeCloseTo(18.493048757398583, 9);
    expect(l.reorderPoint).toBeCloseTo(68.493048757398583, 9);
  });

  it('alternating demand 0, 20, 0, 20, …: intermittent (ADI 2), d̄ = SBA rate 9.5', () => {
    // sizes all 20 → z 20; intervals all 2 (the first counted from the start) → p 2;
    // Croston 10, SBA 10 · (1 − 0.1/2) = 9.5 (the plain mean would be 10).
    // σ_d from the daily series: mean 10, every deviation ±10 → σ_d² = 90·100/89 = 9000/89 (σ_d 10.0560)
    // SS = z·√(5 · 9000/89) = 1.6449 · 22.4860 = 36.9861; ROP = 9.5 · 5 + 36.9861 = 84.4861
    const l = line({ series: repeat([0, 20], 90) });
    expect(l.intermittent).toBe(true);
    expect(l.averageDailyDemand).toBeCloseTo(9.5, 12);
    expect(l.demandStdDev).toBeCloseTo(Math.sqrt(9000 / 89), 12);
    expect(l.safetyStock).toBeCloseTo(36.986097514797166, 9);
    expect(l.reorderPoint).toBeCloseTo(84.48609751479717, 9);
    // target 84.4861 + 9.5 × 14 = 217.4861; position 35 → 182.4861 → 182.4861 (4 decimals, up)
    expect(l.target).toBeCloseTo(217.48609751479717, 9);
    expect(l.suggestedQuantity).toBe(182.4861);
  });

  it('intermittent demand on a short series: SBA rate by hand', () => {
    // 10 days: 0 0 6 0 4 0 0 0 8 0 → ADI (3 + 2 + 4)/3 = 3 > 1.32
    // z 6 → 5.8 → 6.02; p 3 → 2.9 → 3.01; Croston 2; SBA 1.9
    // σ_d: mean 1.8; 7·1.8² + 4.2² + 2.2² + 6.2² = 22.68 + 17.64 + 4.84 + 38.44 = 83.6; /9
    // SS = z·√(5 · 83.6/9) = 11.2097; ROP = 1.9 · 5 + 11.2097 = 20.7097
    const l = line({ series: [0, 0, 6, 0, 4, 0, 0, 0, 8, 0], onHand: 3, onOrder: 0, reserved: 0 });
    expect(l.windowDays).toBe(10);
    expect(l.intermittent).toBe(true);
    expect(l.averageDailyDemand).toBeCloseTo(1.9, 12);
    expect(l.demandStdDev).toBeCloseTo(Math.sqrt(83.6 / 9), 12);
    expect(l.safetyStock).toBeCloseTo(11.209703949960709, 9);
    expect(l.reorderPoint).toBeCloseTo(20.70970394996071, 9);
  });

  it('lead-time variability: 4, 6, 8 days received → L̄ 6, σ_L 2', () => {
    // SS = z·√(6·0 + 10²·2²) = 20z = 32.8971; ROP = 10 · 6 + 32.8971 = 92.8971
    const l = line({ leadTime: { observedDays: [4, 6, 8], supplierItemDays: 5 } });
    expect(l).toMatchObject({ leadTimeDays: 6, leadTimeStdDev: 2, leadTimeSource: 'history' });
    expect(l.safetyStock).toBeCloseTo(20 * Z95, 12);
    expect(l.reorderPoint).toBeCloseTo(60 + 20 * Z95, 12);
  });

  it('pack size and minimum order quantity of the supplier reference', () => {
    expect(line({ supplierRef: { packSize: 50 } }).suggestedQuantity).toBe(200);
    expect(line({ supplierRef: { minOrderQty: 400 } }).suggestedQuantity).toBe(400);
    expect(line({ supplierRef: { packSize: 50, minOrderQty: 260 } }).suggestedQuantity).toBe(300);
  });

  it('the maximum is the target; a maximum below the position orders nothing', () => {
    expect(line({ item: { maxQty: 120 } })).toMatchObject({ target: 120, suggestedQuantity: 85 });
    expect(line({ item: { maxQty: 20 }, supplierRef: { minOrderQty: 10 } })).toMatchObject({
      reorderPoint: 50,
      target: 20,
      suggestedQuantity: 0,
    });
  });

  it('the effective minimum raises the reorder point, never lowers it', () => {
    const none = { series: repeat([0], 90), onHand: 1, onOrder: 0, reserved: 0 };
    expect(line(none)).toMatchObject({ reorderPoint: 0, suggestedQuantity: 0 });
    expect(line({ ...none, onHand: 0 })).toMatchObject({ reorderPoint: 0, target: 0, suggestedQuantity: 0 });
    expect(line({ ...none, effectiveMinimum: 4 })).toMatchObject({
      reorderPoint: 4,
      target: 4,
      suggestedQuantity: 3,
    });
    expect(line({ effectiveMinimum: 30 }).reorderPoint).toBe(50);
  });

  it('no lead time known: L 0, source none', () => {
    expect(line({ leadTime: { observedDays: [3, 4] } })).toMatchObject({
      leadTimeDays: 0,
      leadTimeSource: 'none',
      safetyStock: 0,
      reorderPoint: 0,
    });
  });
});

describe('replenishment line (manual)', () => {
  const manual = (item: ReplenishmentLineInput['item'], more: Partial<ReplenishmentLineInput> = {}) =>
    line({ policy: ReplenishmentPolicy.parse({ method: 'manual' }), item, ...more });

  it('uses the reorder point, else the minimum; no safety stock or z', () => {
    expect(manual({ reorderPoint: 40, minQty: 10, maxQty: 100 })).toMatchObject({
      method: 'manual',
      reorderPoint: 40,
      target: 100,
      suggestedQuantity: 65,
      safetyStock: null,
      z: null,
      averageDailyDemand: 10,
      leadTimeDays: 5,
    });
    expect(manual({ reorderPoint: null, minQty: 35 })).toMatchObject({
      reorderPoint: 35,
      target: 35 + 10 * 14,
      suggestedQuantity: 140,
    });
  });

  it('nothing without levels, unless an effective minimum gives one', () => {
    expect(manual({ maxQty: 100 })).toMatchObject({ reorderPoint: null, target: null, suggestedQuantity: 0 });
    expect(manual({}, { effectiveMinimum: 40, supplierRef: { packSize: 12 } })).toMatchObject({
      reorderPoint: 40,
      target: 180,
      suggestedQuantity: 156, // 145 → 13 packs of 12
    });
    expect(manual({ reorderPoint: 20 }, { effectiveMinimum: 40 }).reorderPoint).toBe(40);
  });
});
