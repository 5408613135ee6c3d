let audio: AudioContext | null = null;

/** A short beep and buzz when a scan is accepted: people scan without looking at the screen. */
export function scanFeedback(beep: boolean): void {
  try {
    navigator.vibrate?.(40);
  } catch {
    // not supported: fine
  }
  if (!beep) return;
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 1760;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.07);
  } catch {
    // no audio (autoplay policy, no output device): the scan still counts
  }
}
