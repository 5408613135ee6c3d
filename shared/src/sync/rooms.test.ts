// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  CATALOG_ROOM,
  expectedRoom,
  ledgerRoom,
  parseRoom,
  STOCKTAKES_ROOM,
  stocktakeRoom,
} from './rooms.ts';

describe('room names', () => {
  it('names and parses the three kinds of room', () => {
    expect(parseRoom(CATALOG_ROOM)).toEqual({ kind: 'catalog' });
    expect(parseRoom(ledgerRoom('2024-05'))).toEqual({ kind: 'ledger', period: '2024-05' });
    expect(parseRoom(stocktakeRoom('ST-9_a'))).toEqual({ kind: 'stocktake', id: 'ST-9_a' });
    expect(parseRoom(STOCKTAKES_ROOM)).toEqual({ kind: 'stocktakes' });
    expect(parseRoom(expectedRoom('ST-9_a'))).toEqual({ kind: 'expected', id: 'ST-9_a' });
    expect(ledgerRoom('2024-12')).toBe('ledger-2024-12');
    expect(stocktakeRoom('x')).toBe('stocktake-x');
  });

  it('refuses anything else', () => {
    for (const name of [
      '',
      'Catalog',
      'catalog ',
      'ledger-',
      'ledger-2024-13',
      'ledger-2024-00',
      'ledger-2024-5',
      'ledger-24-05',
      'ledger-2024-05-01',
      'stocktake-',
      'expected-',
      'expected-a/b',
      'stocktake-a/b',
      'stocktake-../x',
      `stocktake-${'a'.repeat(65)}`,
      'users',
      'Stocktakes',
      'stocktakes-',
      '../catalog',
    ]) {
      expect(parseRoom(name), name).toBeNull();
    }
    expect(parseRoom(`stocktake-${'a'.repeat(64)}`)).not.toBeNull();
  });
});
