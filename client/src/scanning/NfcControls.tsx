import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { nfcSupported, readNfcTags, writeNfcCode } from './nfc.ts';

/** "Scan NFC tag" toggle: tags become scans. Renders nothing where Web NFC is absent. */
export function NfcReadButton(props: { onScan: (event: ScanEvent) => void }): JSX.Element {
  const [reading, setReading] = createSignal(false);
  const [note, setNote] = createSignal('');
  let controller: AbortController | null = null;
  const stop = () => {
    controller?.abort();
    controller = null;
    setReading(false);
  };
  onCleanup(stop);
  const start = async () => {
    controller = new AbortController();
    setReading(true);
    setNote('Hold a tag near the back of the phone.');
    try {
      await readNfcTags(props.onScan, setNote, controller.signal);
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
      stop();
    }
  };
  return (
    <Show when={nfcSupported()}>
      <div class="nfc-read" data-testid="nfc-read">
        <button type="button" class="button" onClick={() => (reading() ? stop() : void start())}>
          {reading() ? 'Stop NFC' : 'Scan NFC tag'}
        </button>
        <Show when={note()}>
          <span class="muted">{note()}</span>
        </Show>
      </div>
    </Show>
  );
}

/** "Write to NFC tag" for a location: the tag then scans as that location. Hidden without Web NFC. */
export function NfcWriteButton(props: { code: string }): JSX.Element {
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let controller: AbortController | null = null;
  onCleanup(() => controller?.abort());
  const write = async () => {
    controller = new AbortController();
    setBusy(true);
    setNote('Hold a writable tag near the back of the phone…');
    try {
      await writeNfcCode(props.code, controller.signal);
      setNote(`Tag written: ${props.code}`);
    } catch (error) {
      setNote(`Not written: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={nfcSupported()}>
      <div class="nfc-write" data-testid="nfc-write">
        <button type="button" class="button" disabled={busy()} onClick={() => void write()}>
          Write to NFC tag
        </button>
        <Show when={note()}>
          <span class="muted">{note()}</span>
        </Show>
      </div>
    </Show>
  );
}
