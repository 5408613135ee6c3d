// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, normalizeGtin } from './check-digit.ts';
import { detectGs1, parseGs1, parseScannedGs1 } from './gs1.ts';
import type { Gs1Data, Gs1ErrorCode } from './gs1-data.ts';
import { gs1Hri, gs1Quantity } from './gs1-data.ts';
import { gs1Year, parseGs1Date } from './gs1-date.ts';

const GS = '\x1d';
const NOW = new Date('2026-03-15T12:00:00Z');

const valid: [string, string, Partial<Gs1Data>][] = [
  [
    'GS1-128 as zxing-cpp sends it (]C1 stripped, GS separators)',
    `0109501101530003${GS}10AB-12${GS}17251231`,
    {
      gtin: '09501101530003',
      lot: 'AB-12',
      expiry: '2025-12-31',
    },
  ],
  [
    'AIM identifier ]C1 left in the text',
    `]C10109501101530003172512311012345`,
    {
      gtin: '09501101530003',
      expiry: '2025-12-31',
      lot: '12345',
    },
  ],
  [
    'GS1 DataMatrix with leading FNC1 as GS',
    `${GS}0109501101530003${GS}21SN 0001`.replace(' ', ''),
    {
      gtin: '09501101530003',
      serial: 'SN0001',
    },
  ],
  [
    ']d2 identifier',
    `]d201095011015300031528020010LOT7`,
    { gtin: '09501101530003', bestBefore: '2028-02-29', lot: 'LOT7' },
  ],
  [']Q3 identifier (GS1 QR)', `]Q30109501101530003${GS}3712`, { gtin: '09501101530003', itemCount: 12 }],
  [
    'fixed-length AIs need no separator',
    '010950110153000317260600',
    { gtin: '09501101530003', expiry: '2026-06-30' },
  ],
  [
    'separator after a fixed-length AI is harmless',
    `0109501101530003${GS}17260600`,
    { expiry: '2026-06-30' },
  ],
  [
    'DD=00 is the last day of the month (leap February)',
    '0109501101530003172802 00'.replace(' ', ''),
    {
      expiry: '2028-02-29',
    },
  ],
  ['DD=00 in a non-leap February', '01095011015300031727020 0'.replace(' ', ''), { expiry: '2027-02-28' }],
  ['production date 11', '010950110153000311240101', { productionDate: '2024-01-01' }],
  ['SSCC with check digit', '00106141411234567897', { sscc: '106141411234567897' }],
  [
    'SSCC + content + count',
    `00106141411234567897020950110153000337144`,
    {
      sscc: '106141411234567897',
      content: '09501101530003',
      itemCount: 144,
    },
  ],
  ['variable count 30', `0109501101530003${GS}3025${GS}10L1`, { count: 25, lot: 'L1' }],
  [
    'net weight 3103 (3 decimals)',
    '01095011015300033103001250',
    {
      measures: [{ ai: '3103', title: 'NET WEIGHT (kg)', unit: 'kg', value: 1.25 }],
    },
  ],
  ['customer part number 241', `0109501101530003241PN-77${GS}10X`, { customerPartNumber: 'PN-77', lot: 'X' }],
  [
    'bracketed HRI',
    '(01)09501101530003(17)251231(10)AB12',
    { form: 'hri', lot: 'AB12', expiry: '2025-12-31' },
  ],
  [
    'HRI with a GTIN-13 inside brackets is padded',
    '(01)4006381333931(21)9',
    { gtin: '04006381333931', serial: '9' },
  ],
  ['HRI with GTIN-8', '(01)96385074', { gtin: '00000096385074' }],
  ['HRI with GTIN-12 (UPC-A)', '(01)036000291452', { gtin: '00036000291452' }],
  [
    'Digital Link',
    'https://id.gs1.org/01/09506000134352/10/ABC%2F1?17=281200&linkType=gs1:pip',
    {
      form: 'digital-link',
      gtin: '09506000134352',
      lot: 'ABC/1',
      expiry: '2028-12-31',
    },
  ],
  [
    'Digital Link with a path prefix and GTIN-13',
    'https://example.com/products/01/4006381333931/21/S1',
    {
      gtin: '04006381333931',
      serial: 'S1',
    },
  ],
  ['Digital Link short names', 'https://example.com/gtin/09506000134352/lot/L-9', { lot: 'L-9' }],
];

const invalid: [string, string, Gs1ErrorCode, RegExp][] = [
  [
    'bad GTIN check digit',
    `]C10109501101530004`,
    'bad-check-digit',
    /\(01\) GTIN 09501101530004: check digit should be 3, not 4/,
  ],
  [
    'bad SSCC check digit',
    `]C100106141411234567890`,
    'bad-check-digit',
    /\(00\) SSCC .*check digit should be 7/,
  ],
  ['unknown AI', `]C10109501101530003${GS}2312`, 'unknown-ai', /unknown Application Identifier at "2312…"/],
  ['unknown AI in brackets', '(01)09501101530003(23)X', 'unknown-ai', /\(23\)/],
  ['lot too long in brackets', '(10)ABCDEFGHIJKLMNOPQRSTU', 'too-long', /at most 20 characters, got 21/],
  [
    'missing separator after a lot',
    `]C11012345678901234567890117251231`,
    'missing-separator',
    /group separator/,
  ],
  ['GTIN cut short', `]C101095011015300`, 'too-short', /needs 14 characters, got 12/],
  ['GS inside a fixed-length field', `]C1010950110${GS}1530003`, 'too-short', /needs 14/],
  ['month 13', `]C1010950110153000317251301`, 'invalid-date', /month 13/],
  ['31 April', `]C1010950110153000317260431`, 'invalid-date', /day 31 does not exist in 2026-04/],
  ['letters in a numeric field', `]C1010950110153000337A`, 'not-numeric', /\(37\) COUNT must be digits only/],
  ['character outside GS1 set 82', '(10)AB#1', 'invalid-character', /contains "#"/],
  ['same AI twice with different values', `]C1${GS}10A${GS}10B`, 'duplicate-ai', /appears twice/],
  ['empty after identifier', ']C1', 'empty', /empty/],
  ['Digital Link without a key', 'https://id.gs1.org/10/ABC', 'invalid-url', /no GS1 key/],
  ['Digital Link with bad GTIN', 'https://id.gs1.org/01/09506000134353', 'bad-check-digit', /check digit/],
  [
    'Digital Link with an unknown AI query',
    'https://id.gs1.org/01/09506000134352?23=1',
    'unknown-ai',
    /\(23\)/,
  ],
  ['unfinished bracket after HRI', '(01)09501101530003(1', 'invalid-character', /unexpected text/],
  [
    'text glued to a GTIN in brackets',
    '(01)09501101530003 extra',
    'too-long',
    /exactly 14 characters, got 20/,
  ],
];

describe('parseGs1: valid codes', () => {
  it.each(valid)('%s', (_name, raw, expected) => {
    const result = parseGs1(raw, { now: NOW });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject(expected);
  });
});

describe('parseGs1: malformed codes get a clear message', () => {
  it.each(invalid)('%s', (_name, raw, code, message) => {
    const result = parseGs1(raw, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });
});

describe('GS1 dates', () => {
  it('applies the GS1 century rule around the current year', () => {
    expect(gs1Year(26, 2026)).toBe(2026);
    expect(gs1Year(76, 2026)).toBe(2076); // 50 ahead: this century
    expect(gs1Year(77, 2026)).toBe(1977); // 51 ahead: previous century
    expect(gs1Year(99, 2026)).toBe(1999);
    expect(gs1Year(30, 2080)).toBe(2130); // 50 behind: next century
    expect(gs1Year(31, 2080)).toBe(2031);
  });
  it('resolves DD=00 to the month end and rejects impossible days', () => {
    expect(parseGs1Date('241200', NOW)).toEqual({ date: '2024-12-31' });
    expect(parseGs1Date('250229', NOW)).toHaveProperty('problem');
    expect(parseGs1Date('240229', NOW)).toEqual({ date: '2024-02-29' });
    expect(parseGs1Date('2401', NOW)).toHaveProperty('problem');
  });
});

describe('check digits and GTIN normalisation', () => {
  it('computes the mod-10 check digit', () => {
    expect(gs1CheckDigit('0950110153000')).toBe(3);
    expect(gs1CheckDigit('10614141123456789')).toBe(7);
  });
  it('pads GTIN-8/12/13 to 14 digits and rejects bad ones', () => {
    expect(normalizeGtin('4006381333931')).toBe('04006381333931');
    expect(normalizeGtin('96385074')).toBe('00000096385074');
    expect(normalizeGtin('036000291452')).toBe('00036000291452');
    expect(normalizeGtin('09501101530003')).toBe('09501101530003');
    expect(normalizeGtin('4006381333932')).toBeUndefined();
    expect(normalizeGtin('400638133393')).toBeUndefined(); // 12 digits, wrong check digit
    expect(normalizeGtin('ABC')).toBeUndefined();
  });
});

describe('parseScannedGs1: deciding whether a scan is GS1 at all', () => {
  it('does not read a plain item code as GS1', () => {
    expect(parseScannedGs1('10442')).toEqual({}); // would be lot "442"
    expect(parseScannedGs1('4006381333931')).toEqual({}); // an EAN-13 is not an element string
    expect(parseScannedGs1('BIN-A-01')).toEqual({});
    expect(parseScannedGs1('https://example.com/about')).toEqual({});
  });
  it('reads an undeclared element string starting with a key', () => {
    expect(parseScannedGs1('0109501101530003', { now: NOW }).data?.gtin).toBe('09501101530003');
  });
  it('reports why a declared GS1 code is malformed', () => {
    expect(parseScannedGs1(']C10109501101530004').error?.code).toBe('bad-check-digit');
    expect(parseScannedGs1(`${GS}01095011015300`).error?.code).toBe('too-short');
  });
  it('honours a GS1 symbology identifier reported by the decoder', () => {
    expect(detectGs1('10ABC', ']C1')).toMatchObject({ declared: true, body: '10ABC' });
    expect(parseScannedGs1('10ABC', { aimId: ']C1' }).data?.lot).toBe('ABC');
  });
});

describe('helpers', () => {
  it('formats the human-readable form and picks the stated quantity', () => {
    const r = parseGs1(`0109501101530003${GS}3012`, { now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(gs1Hri(r.value)).toBe('(01)09501101530003(30)12');
    expect(gs1Quantity(r.value)).toBe(12);
  });
});
