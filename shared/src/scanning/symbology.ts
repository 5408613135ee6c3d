import { z } from 'zod';

/**
 * The barcode family a scan came from. GS1 variants are not separate symbologies here:
 * a GS1-128 is a code128 whose scan event carries parsed `gs1` data.
 */
export const Symbology = z.enum([
  'code128',
  'code39',
  'code93',
  'codabar',
  'itf',
  'ean13',
  'ean8',
  'upca',
  'upce',
  'databar',
  'qr',
  'datamatrix',
  'pdf417',
  'aztec',
  /** An NFC tag's NDEF record. */
  'ndef',
  /** Typed by a person, or from a wedge scanner that does not say (most do not). */
  'unknown',
]);
export type Symbology = z.infer<typeof Symbology>;

/** One-dimensional (linear) symbologies: decoders read them with a different reader than 2D codes. */
export const LINEAR_SYMBOLOGIES: ReadonlySet<Symbology> = new Set<Symbology>([
  'code128',
  'code39',
  'code93',
  'codabar',
  'itf',
  'ean13',
  'ean8',
  'upca',
  'upce',
  'databar',
]);

export const SYMBOLOGY_LABELS: Record<Symbology, string> = {
  code128: 'Code 128',
  code39: 'Code 39',
  code93: 'Code 93',
  codabar: 'Codabar',
  itf: 'ITF',
  ean13: 'EAN-13',
  ean8: 'EAN-8',
  upca: 'UPC-A',
  upce: 'UPC-E',
  databar: 'GS1 DataBar',
  qr: 'QR Code',
  datamatrix: 'Data Matrix',
  pdf417: 'PDF417',
  aztec: 'Aztec',
  ndef: 'NFC tag',
  unknown: 'Unknown',
};

/** The symbology announced by an AIM identifier (]C1, ]E0, ]d2, ]Q1 …), when a wedge scanner sends one. */
export function symbologyFromAimId(aimId: string): Symbology | undefined {
  const code = aimId[1];
  switch (code) {
    case 'C':
      return 'code128';
    case 'A':
      return 'code39';
    case 'G':
      return 'code93';
    case 'F':
      return 'codabar';
    case 'I':
      return 'itf';
    case 'E':
      return aimId[2] === '4' ? 'ean8' : 'ean13';
    case 'e':
      return 'databar';
    case 'Q':
      return 'qr';
    case 'd':
      return 'datamatrix';
    case 'L':
      return 'pdf417';
    case 'z':
      return 'aztec';
    default:
      return undefined;
  }
}
