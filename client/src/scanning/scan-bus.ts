import { type ScanEvent, ScanEvent as ScanEventSchema } from '@stockroom/shared/scanning/scan-event';
import { onCleanup } from 'solid-js';

export type ScanListener = (event: ScanEvent) => void;

/**
 * One stream of scans for every input (camera, wedge, NFC, manual): producers publish, the
 * screen that is open listens. Events are validated on publish, so a listener never sees a
 * malformed scan whatever produced it.
 */
export class ScanBus {
  private readonly listeners = new Set<ScanListener>();

  publish(event: ScanEvent): boolean {
    const parsed = ScanEventSchema.safeParse(event);
    if (!parsed.success) return false;
    for (const listener of [...this.listeners]) listener(parsed.data);
    return true;
  }

  subscribe(listener: ScanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const scanBus = new ScanBus();

/** Listen to scans while the calling component lives. */
export function useScans(listener: ScanListener, bus: ScanBus = scanBus): void {
  onCleanup(bus.subscribe(listener));
}
