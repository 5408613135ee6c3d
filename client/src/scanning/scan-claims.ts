import { createSignal, onCleanup } from 'solid-js';

const [claims, setClaims] = createSignal(0);

/**
 * The calling component handles scans itself for as long as it lives, so the global "scan
 * anything" stays quiet: a scan on the count screen counts, it does not navigate away. Every
 * screen that listens for scans claims them (useWedgeScanner does), so no list of such screens
 * has to be kept in step with them.
 */
export function claimScans(): void {
  setClaims((n) => n + 1);
  onCleanup(() => setClaims((n) => n - 1));
}

/** Whether a living component has claimed the scans. */
export function scansClaimed(): boolean {
  return claims() > 0;
}
