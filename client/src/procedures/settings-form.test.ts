// @vitest-environment node
import { DEFAULT_PROCEDURES, DEFAULT_REASON_CODES } from '@stockroom/shared/procedures/settings';
import { describe, expect, it } from 'vitest';
import {
  checklistText,
  codesText,
  parseChecklist,
  parseCodes,
  parseConventions,
  parseThresholds,
  thresholdsText,
} from './settings-form.ts';

describe('settings as text', () => {
  it('checklists round-trip, checks in brackets', () => {
    expect(parseChecklist(checklistText(DEFAULT_PROCEDURES.receive))).toEqual({
      ok: true,
      value: DEFAULT_PROCEDURES.receive,
    });
    expect(parseChecklist('Scan the bin [bin-first]\n\n  Count  ')).toEqual({
      ok: true,
      value: [{ text: 'Scan the bin', check: 'bin-first' }, { text: 'Count' }],
    });
  });
  it('reason codes round-trip; a bad code names its line', () => {
    expect(parseCodes(codesText(DEFAULT_REASON_CODES.types.adjust))).toEqual({
      ok: true,
      value: DEFAULT_REASON_CODES.types.adjust,
    });
    expect(parseCodes('found: Found\nBad Code: x')).toMatchObject({
      ok: false,
      message: /^line 2: must be lower-case/,
    });
  });
  it('thresholds round-trip; a line without a limit is refused', () => {
    const t = [
      { category: 'Electrical', quantity: 10 },
      { category: '*', quantity: 100, value: 500 },
    ];
    expect(parseThresholds(thresholdsText(t))).toEqual({ ok: true, value: t });
    expect(parseThresholds('Fasteners:')).toMatchObject({
      ok: false,
      message: 'line 1: needs a quantity or a value',
    });
  });
  it('a pattern that does not compile names its field', () => {
    expect(parseConventions({ sku: '', location: '(', barcode: '' })).toEqual({
      ok: false,
      message: 'location: is not a valid regular expression',
    });
  });
});
