import { z } from 'zod';
import { randomId } from '../ids.ts';
import { parseScannedGs1 } from './gs1/gs1.ts';
import { Gs1Data } from './gs1/gs1-data.ts';
import { Symbology, symbologyFromAimId } from './symbology.ts';

export const ScanSource = z.enum(['camera', 'wedge', 'nfc', 'manual']);
export type ScanSource = z.infer<typeof ScanSource>;

/**
 * One scan, whatever produced it: the camera, a handheld (keyboard-wedge) scanner, an NFC
 * tag or a person typing. Every scanning screen consumes this and nothing else.
 */
export const ScanEvent = z.object({
  id: z.string().min(1),
  /** The decoded text as read, GS separators (ASCII 29) kept, AIM identifier removed. */
  raw: z.string().min(1, 'the scan is empty').max(4096, 'the scan is longer than 4096 characters'),
  symbology: Symbology,
  /** Parsed GS1 data when the code is GS1. */
  gs1: Gs1Data.optional(),
  /** Why a code that declares itself GS1 could not be parsed: shown to the person scanning. */
  gs1Error: z.string().optional(),
  source: ScanSource,
  /** ISO timestamp. */
  at: z.iso.datetime(),
});
export type ScanEvent = z.infer<typeof ScanEvent>;

export interface ScanInput {
  raw: string;
  source: ScanSource;
  symbology?: Symbology;
  /** AIM symbology identifier reported by the decoder (e.g. "]C1"), if any. */
  aimId?: string;
  at?: Date;
}

/**
 * Builds the scan event for any input: strips a leading AIM identifier from the text
 * (wedge scanners may send one), infers the symbology from it, and parses GS1.
 */
export function createScanEvent(input: ScanInput): ScanEvent {
  const at = input.at ?? new Date();
  let raw = input.raw.replace(/[\r\n]+$/, '');
  let aimId = input.aimId;
  const leading = /^\][A-Za-z][0-9A-Za-z]/.exec(raw)?.[0];
  if (leading) {
    aimId ??= leading;
    raw = raw.slice(3);
  }
  const symbology = input.symbology ?? (aimId ? symbologyFromAimId(aimId) : undefined) ?? 'unknown';
  const gs1 = parseScannedGs1(raw, { now: at, ...(aimId ? { aimId } : {}) });
  const event: ScanEvent = {
    id: randomId(),
    raw,
    symbology,
    source: input.source,
    at: at.toISOString(),
  };
  if (gs1.data) event.gs1 = gs1.data;
  if (gs1.error) event.gs1Error = gs1.error.message;
  return event;
}
