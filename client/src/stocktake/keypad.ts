export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'back' | 'clear';

const MAX_DIGITS = 7;

/** The keypad's text after a key press: at most one decimal point, four decimals, seven digits. */
export function pressKey(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'back') return text.slice(0, -1);
  if (key === '.') return text.includes('.') ? text : `${text || '0'}.`;
  const next = text === '0' ? key : text + key;
  const [whole = '', decimals] = next.split('.');
  if (whole.length > MAX_DIGITS || (decimals?.length ?? 0) > 4) return text;
  return next;
}

/** The quantity typed, or null when nothing usable (empty, 0) is on the keypad. */
export function keypadQuantity(text: string): number | null {
  if (!text || text === '.') return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}
