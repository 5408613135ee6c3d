let audio: AudioContext | null = null;

/** [frequency Hz, duration ms], played one after the other. */
type Tones = readonly (readonly [number, number])[];

function play(tones: Tones, vibrate: number | number[], beep: boolean, wave: OscillatorType = 'sine'): void {
  try {
    navigator.vibrate?.(vibrate);
  } catch {
    // not supported: fine
  }
  if (!beep) return;
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    let t = audio.currentTime;
    for (const [frequency, ms] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = wave;
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.08;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(t);
      oscillator.stop(t + ms / 1000);
      t += ms / 1000 + 0.02;
    }
  } catch {
    // no audio (autoplay policy, no output device): the scan still counts
  }
}

/** A short beep and buzz when a scan is accepted: people scan without looking at the screen. */
export function scanFeedback(beep: boolean): void {
  play([[1760, 70]], 40, beep);
}

/**
 * Batch mode: what a frame did, told apart by ear and by hand. `counted` is the single-scan
 * beep (same meaning); `already` (a counted code back in view) two soft low ticks, so it is
 * heard as "nothing new"; `unknown` the falling tone counting uses for an unknown barcode;
 * `refused` the low buzz of an error. One sound per frame, however many codes it held.
 */
export type BatchFeedback = 'counted' | 'already' | 'unknown' | 'refused';

const BATCH_SOUNDS: Record<
  BatchFeedback,
  { tones: Tones; vibrate: number | number[]; wave?: OscillatorType }
> = {
  counted: { tones: [[1760, 70]], vibrate: 40 },
  already: {
    tones: [
      [660, 30],
      [660, 30],
    ],
    vibrate: [15, 60, 15],
  },
  unknown: {
    tones: [
      [880, 120],
      [660, 160],
    ],
    vibrate: [120, 60, 120],
  },
  refused: { tones: [[220, 300]], vibrate: 300, wave: 'square' },
};

/** Most telling first: a frame that counted one code and found an unknown one says "unknown". */
const PRIORITY: readonly BatchFeedback[] = ['refused', 'unknown', 'counted', 'already'];

/** The one feedback a frame gets, from everything that happened in it (null: nothing to say). */
export function frameFeedback(kinds: Iterable<BatchFeedback>): BatchFeedback | null {
  const seen = new Set(kinds);
  return PRIORITY.find((k) => seen.has(k)) ?? null;
}

export function batchFeedback(kind: BatchFeedback, beep: boolean): void {
  const { tones, vibrate, wave } = BATCH_SOUNDS[kind];
  play(tones, vibrate, beep, wave);
}
