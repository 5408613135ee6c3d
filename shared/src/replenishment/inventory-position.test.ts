// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { inventoryPosition } from './inventory-position.ts';

describe('inventory position', () => {
  it('is on hand + on order − reserved, exactly', () => {
    expect(inventoryPosition({ onHand: 10, onOrder: 5, reserved: 3 })).toBe(12);
    expect(inventoryPosition({ onHand: 0.1, onOrder: 0.2, reserved: 0 })).toBe(0.3);
    expect(inventoryPosition({ onHand: 2, onOrder: 0, reserved: 5 })).toBe(-3);
  });
});
