import { describe, expect, it } from 'vitest';
import { ndefIdentifier, nfcSupported } from './nfc.ts';

const record = (recordType: string, text: string) => ({
  recordType,
  encoding: 'utf-8',
  data: new DataView(new TextEncoder().encode(text).buffer),
});

describe('ndefIdentifier', () => {
  it('prefers a text record, then a URL, then the serial number', () => {
    expect(
      ndefIdentifier(
        { records: [record('url', 'https://id.gs1.org/01/09506000134352'), record('text', 'A-01')] },
        '04:aa',
      ),
    ).toBe('A-01');
    expect(
      ndefIdentifier(
        { records: [record('mime', 'x'), record('url', 'https://id.gs1.org/01/09506000134352')] },
        '04:aa',
      ),
    ).toBe('https://id.gs1.org/01/09506000134352');
    expect(ndefIdentifier({ records: [] }, '04:a2:3b:c1')).toBe('04:a2:3b:c1');
  });
  it('returns nothing for an empty tag without serial number', () => {
    expect(ndefIdentifier({ records: [record('text', '  ')] }, '')).toBeUndefined();
  });
  it('reports Web NFC as missing in Node', () => {
    expect(nfcSupported()).toBe(false);
  });
});
