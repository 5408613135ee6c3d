import { LINEAR_SYMBOLOGIES, type Symbology } from '@stockroom/shared/scanning/symbology';
import {
  prepareZXingModule,
  type ReaderOptions,
  type ReadInputBarcodeFormat,
  type ReadResult,
  readBarcodes,
} from 'zxing-wasm/reader';
import {
  DEFAULT_DECODER_OPTIONS,
  type DecodedCode,
  type DecoderEngine,
  type DecoderOptions,
  type EngineScan,
  type FrameImage,
  SINGLE_MAX_SYMBOLS,
} from '../decoder-engine.ts';
import type { Quad } from '../frame-passes.ts';

const FORMATS: Partial<Record<Symbology, ReadInputBarcodeFormat[]>> = {
  code128: ['Code128'],
  code39: ['Code39'],
  code93: ['Code93'],
  codabar: ['Codabar'],
  itf: ['ITF'],
  ean13: ['EAN13'],
  ean8: ['EAN8'],
  upca: ['UPCA'],
  upce: ['UPCE'],
  databar: ['DataBar', 'DataBarExp'],
  qr: ['QRCode'],
  datamatrix: ['DataMatrix'],
  pdf417: ['PDF417'],
  aztec: ['Aztec'],
};

/**
 * Where the .wasm comes from. Never the library's default (a CDN): the app must scan offline,
 * so the browser passes the URL of the copy Vite emits into our own build (`?url` import),
 * Node passes the bytes.
 */
export type WasmSource = { wasmUrl: string } | { wasmBinary: ArrayBuffer };

/** ZXing-C++ compiled to WebAssembly (zxing-wasm). */
export function createZxingWasmEngine(
  source: WasmSource,
  options: DecoderOptions = DEFAULT_DECODER_OPTIONS,
): DecoderEngine {
  prepareZXingModule({
    overrides:
      'wasmBinary' in source
        ? { wasmBinary: source.wasmBinary }
        : {
            locateFile: (path: string, prefix: string) =>
              path.endsWith('.wasm') ? source.wasmUrl : prefix + path,
          },
  });
  const readerOptions: ReaderOptions = {
    formats: options.symbologies.flatMap((s) => FORMATS[s] ?? []),
    tryHarder: options.tryHarder,
    textMode: 'Plain', // GS1 separators as GS, like a scanner sends them (the default is bracketed HRI)
    maxNumberOfSymbols: options.maxSymbols ?? SINGLE_MAX_SYMBOLS,
    // Also return symbols that were located but failed to decode (ReadResult.isValid false,
    // `error` set, e.g. a Code 128 checksum error when bars are ~1.3 px): the camera then asks
    // the user to move closer. Valid results are unchanged (they are filtered below).
    returnErrors: true,
  };
  // For the extra passes (multi-pass-decoder.ts): 1D only, and no inverted (light-on-dark) retry.
  // An empty `formats` means every format to ZXing, so "no linear symbology" is handled apart.
  const linearFormats = options.symbologies
    .filter((s) => LINEAR_SYMBOLOGIES.has(s))
    .flatMap((s) => FORMATS[s] ?? []);
  const linearOptions: ReaderOptions = { ...readerOptions, formats: linearFormats, tryInvert: false };
  const scan = async (frame: FrameImage, scanOptions?: { linearOnly?: boolean }): Promise<EngineScan> => {
    if (scanOptions?.linearOnly && !linearFormats.length) return { codes: [], unreadable: 0 };
    const results = await readBarcodes(
      frame as ImageData,
      scanOptions?.linearOnly ? linearOptions : readerOptions,
    );
    const codes = results.filter((r) => r.isValid && r.text).map(toDecoded);
    return { codes, unreadable: results.filter((r) => !r.isValid).length };
  };
  return {
    name: 'zxing-wasm',
    scan,
    async decode(frame: FrameImage): Promise<DecodedCode[]> {
      return (await scan(frame)).codes;
    },
    dispose() {},
  };
}

function toDecoded(r: ReadResult): DecodedCode {
  const { topLeft, topRight, bottomRight, bottomLeft } = r.position;
  const decoded: DecodedCode = {
    text: r.text,
    symbology: symbologyOf(r.format),
    position: [topLeft, topRight, bottomRight, bottomLeft].map(({ x, y }) => ({ x, y })) as Quad,
  };
  if (r.symbologyIdentifier) decoded.aimId = r.symbologyIdentifier;
  return decoded;
}

function symbologyOf(format: string): Symbology {
  switch (format) {
    case 'Code128':
      return 'code128';
    case 'Code39':
    case 'Code39Std':
    case 'Code39Ext':
      return 'code39';
    case 'Code93':
      return 'code93';
    case 'Codabar':
      return 'codabar';
    case 'ITF':
    case 'ITF14':
      return 'itf';
    case 'EAN13':
      return 'ean13';
    case 'EAN8':
      return 'ean8';
    case 'UPCA':
      return 'upca';
    case 'UPCE':
      return 'upce';
    case 'QRCode':
    case 'MicroQRCode':
    case 'RMQRCode':
      return 'qr';
    case 'DataMatrix':
      return 'datamatrix';
    case 'PDF417':
      return 'pdf417';
    case 'Aztec':
      return 'aztec';
    default:
      return format.startsWith('DataBar') ? 'databar' : 'unknown';
  }
}
