import { createScanEvent, type ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createSignal, type JSX } from 'solid-js';

/** Typing a code by hand (a damaged label): produces the same scan event as every scanner. */
export function ManualScanEntry(props: {
  onScan: (event: ScanEvent) => void;
  placeholder?: string;
}): JSX.Element {
  const [text, setText] = createSignal('');
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const raw = text().trim();
    if (!raw) return;
    props.onScan(createScanEvent({ raw, source: 'manual' }));
    setText('');
  };
  return (
    <form class="toolbar" onSubmit={submit} data-testid="manual-scan">
      <input
        class="search"
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        placeholder={props.placeholder ?? 'Type a code, SKU or (01)… GS1 text'}
        aria-label="Code"
        autocomplete="off"
      />
      <button type="submit" class="button">
        Enter
      </button>
    </form>
  );
}
