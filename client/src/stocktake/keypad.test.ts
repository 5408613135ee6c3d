import { describe, expect, it } from 'vitest';
import { type KeypadKey, keypadQuantity, pressKey } from './keypad.ts';

const type = (keys: KeypadKey[]) => keys.reduce(pressKey, '');

describe('keypad', () => {
  it('builds a number key by key, with one decimal point and backspace', () => {
    expect(type(['2', '4'])).toBe('24');
    expect(type(['.', '5'])).toBe('0.5');
    expect(type(['1', '.', '.', '2'])).toBe('1.2');
    expect(type(['1', '2', 'back'])).toBe('1');
    expect(type(['1', '2', 'clear'])).toBe('');
    expect(type(['0', '7'])).toBe('7');
  });

  it('stops at seven digits and four decimals', () => {
    expect(type(['1', '2', '3', '4', '5', '6', '7', '8'])).toBe('1234567');
    expect(type(['1', '.', '1', '2', '3', '4', '5'])).toBe('1.1234');
  });

  it('gives a usable quantity only when above zero', () => {
    expect(keypadQuantity('')).toBeNull();
    expect(keypadQuantity('0')).toBeNull();
    expect(keypadQuantity('0.')).toBeNull();
    expect(keypadQuantity('.')).toBeNull();
    expect(keypadQuantity('12')).toBe(12);
    expect(keypadQuantity('0.25')).toBe(0.25);
  });
});
