import bwipjs from 'bwip-js/browser';

/** The barcode kinds we print. */
export const LABEL_SYMBOLOGIES = [
  'code128',
  'qr',
  'datamatrix',
  'ean13',
  'gs1-128',
  'gs1-datamatrix',
] as const;
export type LabelSymbology = (typeof LABEL_SYMBOLOGIES)[number];

export const LABEL_SYMBOLOGY_NAMES: Record<LabelSymbology, string> = {
  code128: 'Code 128',
  qr: 'QR Code',
  datamatrix: 'Data Matrix',
  ean13: 'EAN-13',
  'gs1-128': 'GS1-128',
  'gs1-datamatrix': 'GS1 DataMatrix',
};

const BCID: Record<LabelSymbology, string> = {
  code128: 'code128',
  qr: 'qrcode',
  datamatrix: 'datamatrix',
  ean13: 'ean13',
  'gs1-128': 'gs1-128',
  'gs1-datamatrix': 'gs1datamatrix',
};

/** Quiet zones the standards require, in modules, on each side. */
const QUIET: Record<LabelSymbology, number> = {
  code128: 10,
  'gs1-128': 10,
  ean13: 11,
  qr: 4,
  datamatrix: 1,
  'gs1-datamatrix': 1,
};

export type SymbolModules =
  | {
      kind: 'linear';
      /** Bars as [start, width] in modules, left to right. */
      bars: [number, number][];
      /** Width of the symbol in modules (without quiet zones). */
      width: number;
      quiet: number;
    }
  | { kind: 'matrix'; columns: number; rows: number; dark: Uint8Array; quiet: number };

/**
 * The module pattern of a barcode, from bwip-js's encoder: drawn as vector rectangles in the
 * PDF and the preview, so bars are exact at any printer resolution. Throws bwip-js's message
 * when the text cannot be encoded (e.g. letters in an EAN-13).
 */
export function symbolModules(symbology: LabelSymbology, text: string): SymbolModules {
  const encoded = bwipjs.raw(BCID[symbology], text, {})[0];
  if (!encoded) throw new Error(`cannot encode "${text}" as ${symbology}`);
  if ('sbs' in encoded) {
    const bars: [number, number][] = [];
    let x = 0;
    encoded.sbs.forEach((w, i) => {
      if (i % 2 === 0) bars.push([x, w]);
      x += w;
    });
    return { kind: 'linear', bars, width: x, quiet: QUIET[symbology] };
  }
  return {
    kind: 'matrix',
    columns: encoded.pixx,
    rows: encoded.pixy,
    dark: Uint8Array.from(encoded.pixs),
    quiet: QUIET[symbology],
  };
}
