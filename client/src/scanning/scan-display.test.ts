import { describe, expect, it } from 'vitest';
import { characterTable, printable } from './scan-display.ts';

describe('scan display', () => {
  it('shows control characters by name', () => {
    expect(printable('01\x1d10A\r\n')).toBe('01⟨GS⟩10A⟨CR⟩⟨LF⟩');
    expect(printable('\x02')).toBe('⟨0x02⟩');
  });
  it('lists char codes', () => {
    expect(characterTable('A\x1d')).toEqual([
      { char: 'A', code: 65 },
      { char: '⟨GS⟩', code: 29 },
    ]);
  });
});
