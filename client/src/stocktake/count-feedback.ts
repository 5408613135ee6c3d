export type Feedback = 'counted' | 'unknown' | 'error' | 'location' | 'done';

let audio: AudioContext | null = null;

const SOUNDS: Record<Feedback, { tones: [number, number][]; vibrate: number | number[] }> = {
  // [frequency Hz, duration ms] one after the other
  counted: { tones: [[1760, 70]], vibrate: 40 },
  location: {
    tones: [
      [1320, 60],
      [1760, 60],
    ],
    vibrate: [30, 40, 30],
  },
  done: {
    tones: [
      [1320, 80],
      [1760, 80],
      [2093, 120],
    ],
    vibrate: [40, 40, 40, 40, 80],
  },
  unknown: {
    tones: [
      [880, 120],
      [660, 160],
    ],
    vibrate: [120, 60, 120],
  },
  error: { tones: [[220, 400]], vibrate: 400 },
};

/**
 * A sound and a buzz per scan, different for an unknown code and for an error: people
 * count without looking at the screen, gloves on, phone in a pocket or on a trolley.
 */
export function countFeedback(kind: Feedback, options: { sound?: boolean } = {}): void {
  const { tones, vibrate } = SOUNDS[kind];
  try {
    navigator.vibrate?.(vibrate);
  } catch {
    // not supported (desktop, iOS): the sound still plays
  }
  if (options.sound === false) return;
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    let t = audio.currentTime;
    for (const [frequency, ms] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = kind === 'error' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.1;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(t);
      oscillator.stop(t + ms / 1000);
      t += ms / 1000 + 0.02;
    }
  } catch {
    // no audio (autoplay policy before the first tap, no output device): the count still counts
  }
}
