import { LINEAR_SYMBOLOGIES, type Symbology } from '@stockroom/shared/scanning/symbology';
import type {
  BarcodeFormat as BarcodeFormatType,
  DecodeHintType as DecodeHintTypeT,
  Reader,
  Result,
} from '@zxing/library';
import * as ZXingModule from '@zxing/library';
import {
  DEFAULT_DECODER_OPTIONS,
  type DecodedCode,
  type DecoderEngine,
  type DecoderOptions,
  type FrameImage,
  toLuminance,
} from '../decoder-engine.ts';

// Node loads the CommonJS build, whose re-exports its ESM interop cannot see (only `default`
// has them all); bundlers load the ESM build, which has no default export.
// (Reflect.get: a static `.default` makes bundlers warn that the ESM build has none.)
const ZXing = (Reflect.get(ZXingModule, 'default') as typeof ZXingModule | undefined) ?? ZXingModule;
const {
  AztecCodeReader,
  BarcodeFormat,
  BinaryBitmap,
  DataMatrixReader,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatOneDReader,
  PDF417Reader,
  QRCodeReader,
  RGBLuminanceSource,
} = ZXing;
type BarcodeFormat = BarcodeFormatType;

/**
 * RGBLuminanceSource cannot rotate, so TRY_HARDER never retries 1D codes held upright (90°).
 * @zxing/browser's canvas source can; this gives the worker the same ability.
 */
class RotatableLuminanceSource extends RGBLuminanceSource {
  constructor(
    private readonly pixels: Uint8ClampedArray,
    width: number,
    height: number,
  ) {
    super(pixels, width, height);
  }
  override isRotateSupported(): boolean {
    return true;
  }
  override rotateCounterClockwise(): RotatableLuminanceSource {
    const w = this.getWidth();
    const h = this.getHeight();
    const out = new Uint8ClampedArray(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) out[(w - 1 - x) * h + y] = this.pixels[y * w + x]!;
    }
    return new RotatableLuminanceSource(out, h, w);
  }
}

const FORMATS: Partial<Record<Symbology, BarcodeFormat[]>> = {
  code128: [BarcodeFormat.CODE_128],
  code39: [BarcodeFormat.CODE_39],
  code93: [BarcodeFormat.CODE_93],
  codabar: [BarcodeFormat.CODABAR],
  itf: [BarcodeFormat.ITF],
  ean13: [BarcodeFormat.EAN_13],
  ean8: [BarcodeFormat.EAN_8],
  upca: [BarcodeFormat.UPC_A],
  upce: [BarcodeFormat.UPC_E],
  databar: [BarcodeFormat.RSS_14, BarcodeFormat.RSS_EXPANDED],
  qr: [BarcodeFormat.QR_CODE],
  datamatrix: [BarcodeFormat.DATA_MATRIX],
  pdf417: [BarcodeFormat.PDF_417],
  aztec: [BarcodeFormat.AZTEC],
};

/**
 * @zxing/library, the decoder inside @zxing/browser. @zxing/browser itself drives a <video>
 * on the main thread; in the worker we call the same reader on frames directly.
 */
export function createZxingJsEngine(options: DecoderOptions = DEFAULT_DECODER_OPTIONS): DecoderEngine {
  const hints = new Map<DecodeHintTypeT, unknown>();
  hints.set(
    DecodeHintType.POSSIBLE_FORMATS,
    options.symbologies.flatMap((s) => FORMATS[s] ?? []),
  );
  if (options.tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
  // Without this, Code 128 silently drops FNC1: GS1-128 codes lose their separators and ]C1.
  hints.set(DecodeHintType.ASSUME_GS1, true);
  // The readers MultiFormatReader would pick, called directly: its loop logs a warning for every
  // frame without a code (a library bug in 0.23: NotFoundException is not a ReaderException).
  // Same order as MultiFormatReader with TRY_HARDER: matrix codes first, the slower 1D scan last.
  const readers: Reader[] = [];
  const wanted = new Set(options.symbologies);
  if (wanted.has('qr')) readers.push(new QRCodeReader());
  if (wanted.has('datamatrix')) readers.push(new DataMatrixReader());
  if (wanted.has('aztec')) readers.push(new AztecCodeReader());
  if (wanted.has('pdf417')) readers.push(new PDF417Reader());
  if ([...wanted].some((s) => LINEAR_SYMBOLOGIES.has(s))) readers.push(new MultiFormatOneDReader(hints));
  let luminance: Uint8ClampedArray | undefined;

  const decode = async (frame: FrameImage): Promise<DecodedCode[]> => {
    luminance = toLuminance(frame, luminance);
    const source = new RotatableLuminanceSource(luminance, frame.width, frame.height);
    const bitmap = new BinaryBitmap(new HybridBinarizer(source));
    for (const reader of readers) {
      try {
        return [toDecoded(reader.decode(bitmap, hints))];
      } catch {
        // NotFound / Checksum / Format: no valid code for this reader in this frame.
      } finally {
        reader.reset();
      }
    }
    return [];
  };
  return {
    name: 'zxing-js',
    decode,
    // @zxing/library throws the same kind of exception for "nothing there" and for most
    // "there but unreadable" cases, so it cannot tell; positions are not passed on either.
    // (linearOnly is a speed hint: ignoring it finds the same codes and more.)
    scan: async (frame) => ({ codes: await decode(frame), unreadable: 0 }),
    dispose() {
      for (const reader of readers) reader.reset();
    },
  };
}

function toDecoded(result: Result): DecodedCode {
  let text = result.getText();
  const symbology = symbologyOf(result.getBarcodeFormat());
  let aimId: string | undefined;
  if (text.startsWith(']C1')) {
    // ASSUME_GS1 announces GS1-128 by prefixing the AIM identifier.
    aimId = ']C1';
    text = text.slice(3);
  } else if (text.startsWith('\x1d') && (symbology === 'datamatrix' || symbology === 'qr')) {
    // FNC1 in first position comes through as a leading GS: that is GS1 DataMatrix / QR.
    aimId = symbology === 'datamatrix' ? ']d2' : ']Q3';
    text = text.slice(1);
  }
  return aimId ? { text, symbology, aimId } : { text, symbology };
}

function symbologyOf(format: BarcodeFormat): Symbology {
  switch (format) {
    case BarcodeFormat.CODE_128:
      return 'code128';
    case BarcodeFormat.CODE_39:
      return 'code39';
    case BarcodeFormat.CODE_93:
      return 'code93';
    case BarcodeFormat.CODABAR:
      return 'codabar';
    case BarcodeFormat.ITF:
      return 'itf';
    case BarcodeFormat.EAN_13:
      return 'ean13';
    case BarcodeFormat.EAN_8:
      return 'ean8';
    case BarcodeFormat.UPC_A:
      return 'upca';
    case BarcodeFormat.UPC_E:
      return 'upce';
    case BarcodeFormat.RSS_14:
    case BarcodeFormat.RSS_EXPANDED:
      return 'databar';
    case BarcodeFormat.QR_CODE:
      return 'qr';
    case BarcodeFormat.DATA_MATRIX:
      return 'datamatrix';
    case BarcodeFormat.PDF_417:
      return 'pdf417';
    case BarcodeFormat.AZTEC:
      return 'aztec';
    default:
      return 'unknown';
  }
}
