import { createScanEvent, type ScanEvent } from '@stockroom/shared/scanning/scan-event';
import {
  WedgeDetector,
  type WedgeOptionsInput,
  type WedgeScan,
} from '@stockroom/shared/scanning/wedge-detector';

export interface WedgeListenerOptions {
  onScan: (event: ScanEvent, detail: WedgeScan) => void;
  /** Every keystroke with the detector's view of it (the scanner test page shows these). */
  onKey?: (key: KeyboardEvent, gapMs: number | null) => void;
  wedge?: WedgeOptionsInput;
  /** Return false to ignore keys for a while (e.g. a dialog is open). */
  enabled?: () => boolean;
}

/**
 * Listens for keyboard-wedge scans anywhere on the page (capture phase, before any field sees
 * the keys). When a scan ends while a text field has focus, the characters the scanner typed
 * into it are taken out again, and the terminating Enter/Tab does not submit or move focus.
 */
export function attachWedgeListener(target: EventTarget, options: WedgeListenerOptions): () => void {
  const detector = new WedgeDetector(options.wedge ?? {});
  let lastTime: number | null = null;
  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    if (options.enabled && !options.enabled()) return;
    if (e.isComposing) return;
    options.onKey?.(e, lastTime === null ? null : e.timeStamp - lastTime);
    lastTime = e.timeStamp;
    const step = detector.feed({
      key: e.key,
      code: e.code,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      time: e.timeStamp,
    });
    if (step.suppress) {
      e.preventDefault();
      e.stopPropagation();
    }
    if (step.scan) {
      removeTypedText(e.target, step.scan.typed);
      options.onScan(createScanEvent({ raw: step.scan.text, source: 'wedge' }), step.scan);
    }
  };
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}

/** Takes a scan's characters back out of the field they were typed into (a search box, a quantity). */
export function removeTypedText(target: EventTarget | null, typed: string): boolean {
  if (!typed || !target) return false;
  const field = target as Partial<HTMLInputElement>;
  if (typeof field.value !== 'string' || typeof field.selectionStart !== 'number') return false;
  const end = field.selectionStart ?? field.value.length;
  const start = end - typed.length;
  if (start < 0 || field.value.slice(start, end) !== typed) return false;
  const input = target as HTMLInputElement;
  input.value = input.value.slice(0, start) + input.value.slice(end);
  input.setSelectionRange?.(start, start);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}
