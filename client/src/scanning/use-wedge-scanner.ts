import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createEffect, onCleanup } from 'solid-js';
import { claimScans } from './scan-claims.ts';
import { scannerSettings } from './scanner-settings.ts';
import { attachWedgeListener } from './wedge-listener.ts';

/**
 * Handheld (keyboard-wedge) scanning on the current screen, for as long as the calling
 * component lives: the screen claims the scans (scan-claims.ts) unless it is the global
 * "scan anything" itself. Uses this device's wedge settings and follows changes to them.
 *
 *   useWedgeScanner((scan) => handle(scan));
 */
export function useWedgeScanner(
  onScan: (event: ScanEvent) => void,
  options: { enabled?: () => boolean; global?: boolean } = {},
): void {
  if (!options.global) claimScans();
  createEffect(() => {
    const wedge = scannerSettings().wedge;
    const detach = attachWedgeListener(window, {
      wedge,
      onScan: (event) => onScan(event),
      ...(options.enabled ? { enabled: options.enabled } : {}),
    });
    onCleanup(detach);
  });
}
