/**
 * The GS1 modulo-10 check digit: weights 3 and 1 alternate from the rightmost data digit.
 * Used by GTIN-8/12/13/14, SSCC, GLN and GSIN alike.
 */
export function gs1CheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = 0; i < dataDigits.length; i++) {
    const digit = dataDigits.charCodeAt(dataDigits.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why the last digit of a numeric key is wrong, or null when it is right. */
export function checkDigitProblem(digits: string): string | null {
  if (!/^\d{2,}$/.test(digits)) return 'must be digits only';
  const expected = gs1CheckDigit(digits.slice(0, -1));
  const actual = Number(digits.at(-1));
  return expected === actual ? null : `check digit should be ${expected}, not ${actual}`;
}

/**
 * A GTIN-8, -12 (UPC-A), -13 (EAN) or -14 as the 14-digit form with leading zeros, or
 * undefined when the text is not a GTIN with a valid check digit. One key per product,
 * whatever length was printed or stored.
 */
export function normalizeGtin(code: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return undefined;
  if (checkDigitProblem(code)) return undefined;
  return code.padStart(14, '0');
}
