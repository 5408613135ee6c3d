import { z } from 'zod';

/**
 * Keyboard-wedge (handheld) scanners "type" the code: a burst of keystrokes a few
 * milliseconds apart, ended by Enter or Tab. People type 80–300 ms apart. This state machine
 * tells the two apart from key timings alone, so it works on any screen and in tests without
 * a DOM. Browsers cannot type the GS1 group separator (ASCII 29): scanners send it as Ctrl+]
 * (or a configured substitute string), which is mapped back to "\x1d".
 */
export const WedgeOptions = z.object({
  /** Shorter bursts are ignored (a person can hit two keys at once). */
  minLength: z.number().int().min(1).max(100).default(4),
  /** Keystrokes further apart than this start a new burst: a person typing. */
  maxGapMs: z.number().min(5).max(1000).default(50),
  /** Text the scanner is set up to send before every code; required and removed when set. */
  prefix: z.string().max(20).default(''),
  /** Text the scanner sends after every code; removed when set, and ends a scan by itself. */
  suffix: z.string().max(20).default(''),
  /** Keys that end a scan. */
  terminators: z.array(z.enum(['Enter', 'Tab'])).default(['Enter', 'Tab']),
  /** Text the scanner sends in place of GS, turned back into "\x1d" (e.g. "~" or "{GS}"); '' for none. */
  gsSubstitute: z.string().max(10).default(''),
});
export type WedgeOptions = z.infer<typeof WedgeOptions>;
export type WedgeOptionsInput = z.input<typeof WedgeOptions>;

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.code, when known (layout-independent: Ctrl+] is code BracketRight). */
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** Milliseconds, any monotonic clock (KeyboardEvent.timeStamp). */
  time: number;
}

export interface WedgeScan {
  /** The code, prefix/suffix removed, GS restored. */
  text: string;
  /** What a focused text field received while the burst was typed (to take back out of it). */
  typed: string;
  durationMs: number;
  /** Char codes of everything the scanner sent, terminator excluded: for the scanner test page. */
  charCodes: number[];
  terminator: string;
}

export interface WedgeStep {
  /** Set when this key completed a scan. */
  scan?: WedgeScan;
  /** The caller should preventDefault(): a scan's terminator (no form submit/focus move) or Ctrl+]. */
  suppress: boolean;
}

const GS = '\x1d';
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);

export class WedgeDetector {
  readonly options: WedgeOptions;
  private chars: string[] = [];
  private typed = '';
  private startTime = 0;
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeOptionsInput = {}) {
    this.options = WedgeOptions.parse(options);
  }

  /** Characters in the current burst (a scan in progress, or a person typing). */
  get pending(): number {
    return this.chars.length;
  }

  reset(): void {
    this.chars = [];
    this.typed = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }

  feed(k: WedgeKey): WedgeStep {
    if (MODIFIERS.has(k.key)) return { suppress: false };
    const isGs = k.key === GS || (k.ctrlKey === true && (k.key === ']' || k.code === 'BracketRight'));
    const inBurst = this.chars.length > 0 && k.time - this.lastTime <= this.options.maxGapMs;

    if (isGs) {
      this.push(GS, k.time, inBurst, false);
      return { suppress: true };
    }
    if ((this.options.terminators as string[]).includes(k.key) && !k.ctrlKey && !k.altKey && !k.metaKey) {
      const scan = inBurst ? this.complete(k.time, k.key) : undefined;
      this.reset();
      return scan ? { scan, suppress: true } : { suppress: false };
    }
    if (k.key.length !== 1 || k.ctrlKey || k.altKey || k.metaKey) {
      // Navigation, editing keys and shortcuts are a person at work.
      this.reset();
      return { suppress: false };
    }
    this.push(k.key, k.time, inBurst, true);
    if (this.options.suffix && this.options.terminators.length === 0) {
      const text = this.chars.join('');
      if (text.endsWith(this.options.suffix)) {
        const scan = this.complete(k.time, '');
        this.reset();
        return scan ? { scan, suppress: false } : { suppress: false };
      }
    }
    return { suppress: false };
  }

  private push(char: string, time: number, inBurst: boolean, typedIntoField: boolean): void {
    if (!inBurst) {
      this.chars = [];
      this.typed = '';
      this.startTime = time;
    }
    this.chars.push(char);
    if (typedIntoField) this.typed += char;
    this.lastTime = time;
  }

  private complete(time: number, terminator: string): WedgeScan | undefined {
    const sent = this.chars.join('');
    const { prefix, suffix, gsSubstitute, minLength } = this.options;
    let text = sent;
    if (prefix) {
      if (!text.startsWith(prefix)) return undefined;
      text = text.slice(prefix.length);
    }
    if (suffix && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
    if (gsSubstitute) text = text.replaceAll(gsSubstitute, GS);
    if (text.length < minLength) return undefined;
    return {
      text,
      typed: this.typed,
      durationMs: time - this.startTime,
      charCodes: [...sent].map((c) => c.charCodeAt(0)),
      terminator,
    };
  }
}
