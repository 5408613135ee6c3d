import { type DecodedCode, type DecoderEngine, type FrameImage, toLuminance } from './decoder-engine.ts';
import { type ExtraPass, mapQuad, PassScheduler, passGeometry, passName } from './frame-passes.ts';
import { resampleLuminance, zoomLuminance } from './resample.ts';

export interface MultiPassResult {
  codes: DecodedCode[];
  /** Symbols found but not decoded, over the passes this frame got. */
  unreadable: number;
  /** The pass that read the codes (or the extra pass tried when nothing was read). */
  pass: string;
}

/**
 * One engine, frame after frame: the plain pass first, always (a clean code is never delayed),
 * then, only when it read nothing, the one extra pass the scheduler picks for this frame.
 * Positions found in a rotated or enlarged image are mapped back into the frame's pixels.
 * Buffers are reused across frames: a 1024×432 aiming region is 1.7 MB of RGBA.
 */
export class MultiPassDecoder {
  private luminance: Uint8ClampedArray | undefined;
  private rotated: FrameImage | undefined;
  private zoomed: FrameImage | undefined;

  constructor(
    private readonly engine: DecoderEngine,
    private readonly extraPasses = true,
    private readonly scheduler = new PassScheduler(),
  ) {}

  async decode(frame: FrameImage): Promise<MultiPassResult> {
    const plain = await this.engine.scan(frame);
    if (plain.codes.length || !this.extraPasses) {
      if (plain.codes.length) this.scheduler.plainRead();
      return { codes: plain.codes, unreadable: plain.unreadable, pass: 'plain' };
    }
    const pass = this.scheduler.next();
    const geometry = passGeometry(pass, frame.width, frame.height);
    // Linear symbologies only: every code the plain pass misses for tilt or size is 1D (2D
    // codes are read at any angle already), and skipping the 2D detectors makes the pass
    // cost a third of a full decode (measured: tests/bench/scanning.ts).
    const extra = await this.engine.scan(this.transform(frame, pass), { linearOnly: true });
    this.scheduler.report(pass, extra.codes.length > 0);
    const toFrame = geometry.toSource;
    const codes = extra.codes.map((code) =>
      code.position ? { ...code, position: mapQuad(toFrame, code.position) } : code,
    );
    return { codes, unreadable: plain.unreadable + extra.unreadable, pass: passName(pass) };
  }

  private transform(frame: FrameImage, pass: ExtraPass): FrameImage {
    const { width, height } = frame;
    this.luminance = toLuminance(frame, this.luminance);
    if (pass.kind === 'zoom') {
      this.zoomed = zoomLuminance(this.luminance, width, height, pass.factor, this.zoomed);
      return this.zoomed;
    }
    const { toSource } = passGeometry(pass, width, height);
    this.rotated = resampleLuminance(this.luminance, width, height, toSource, this.rotated);
    return this.rotated;
  }
}
