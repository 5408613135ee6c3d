import { createScanEvent, type ScanEvent } from '@stockroom/shared/scanning/scan-event';

/**
 * Web NFC (Chrome on Android): NDEF tags as identifiers for items and locations, and writing
 * a location's code to a tag. The API is not in TypeScript's DOM types, hence these shapes.
 */
export interface NdefRecordLike {
  recordType: string;
  mediaType?: string | undefined;
  encoding?: string | undefined;
  data?: DataView | undefined;
}
export interface NdefMessageLike {
  records: readonly NdefRecordLike[];
}
interface NdefReadingEvent extends Event {
  serialNumber: string;
  message: NdefMessageLike;
}
interface NdefReader extends EventTarget {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
  write(
    message: { records: { recordType: string; data: string; lang?: string }[] },
    options?: { signal?: AbortSignal; overwrite?: boolean },
  ): Promise<void>;
}
type NdefReaderConstructor = new () => NdefReader;

function readerClass(): NdefReaderConstructor | undefined {
  return (globalThis as { NDEFReader?: NdefReaderConstructor }).NDEFReader;
}

/** Whether this browser has Web NFC; NFC controls are hidden when it does not. */
export function nfcSupported(): boolean {
  return readerClass() !== undefined;
}

/**
 * What a tag identifies: its first text record, else its first URL record (a GS1 Digital
 * Link on a product tag), else the tag's serial number (blank tags stuck on bins).
 */
export function ndefIdentifier(message: NdefMessageLike, serialNumber: string): string | undefined {
  const decode = (r: NdefRecordLike) =>
    r.data ? new TextDecoder(r.encoding || 'utf-8').decode(r.data).trim() : '';
  for (const type of ['text', 'url', 'absolute-url']) {
    for (const record of message.records) {
      if (record.recordType !== type) continue;
      const text = decode(record);
      if (text) return text;
    }
  }
  const serial = serialNumber.trim();
  return serial || undefined;
}

/** Reads tags until the signal aborts; each tag becomes an `nfc` scan event. */
export async function readNfcTags(
  onScan: (event: ScanEvent) => void,
  onProblem: (message: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const Reader = readerClass();
  if (!Reader) throw new Error('This browser cannot read NFC tags.');
  const reader = new Reader();
  reader.addEventListener('reading', (event) => {
    const e = event as NdefReadingEvent;
    const id = ndefIdentifier(e.message, e.serialNumber);
    if (id) onScan(createScanEvent({ raw: id, source: 'nfc', symbology: 'ndef' }));
    else onProblem('This tag holds nothing we can use as a code.');
  });
  reader.addEventListener('readingerror', () =>
    onProblem('The tag could not be read. Hold it still and try again.'),
  );
  await reader.scan({ signal });
}

/** Writes a location code as an NDEF text record (what readNfcTags reads back). */
export async function writeNfcCode(code: string, signal?: AbortSignal): Promise<void> {
  const Reader = readerClass();
  if (!Reader) throw new Error('This browser cannot write NFC tags.');
  await new Reader().write(
    { records: [{ recordType: 'text', data: code, lang: 'en' }] },
    signal ? { signal, overwrite: true } : { overwrite: true },
  );
}
