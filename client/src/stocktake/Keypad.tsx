import { For, Show } from 'solid-js';
import { formatQuantity } from '../ui/format.ts';
import { type KeypadKey, keypadQuantity, pressKey } from './keypad.ts';

const KEYS: { key: KeypadKey; label: string }[] = [
  { key: '1', label: '1' },
  { key: '2', label: '2' },
  { key: '3', label: '3' },
  { key: '4', label: '4' },
  { key: '5', label: '5' },
  { key: '6', label: '6' },
  { key: '7', label: '7' },
  { key: '8', label: '8' },
  { key: '9', label: '9' },
  { key: '.', label: '.' },
  { key: '0', label: '0' },
  { key: 'back', label: '⌫' },
];

/**
 * A quantity keypad for gloved thumbs: type a number, then scan the item (it counts that
 * many instead of 1, or that many packs) or tap "Add" to add it to the item scanned last.
 * Counting and receiving both use it; `testIdPrefix` names its test ids (`count-keypad`,
 * `count-key-1`, … / `receive-keypad`, `receive-key-1`, …).
 */
export function Keypad(props: {
  testIdPrefix: string;
  text: string;
  onText: (text: string) => void;
  /** What "Add" adds to (the item counted last here, the last scan's item and bin), or null. */
  target: string | null;
  onAdd: (quantity: number) => void;
  disabled?: boolean;
}) {
  const quantity = () => keypadQuantity(props.text);
  const id = (suffix: string) => `${props.testIdPrefix}-${suffix}`;
  return (
    <div class="keypad" data-testid={id('keypad')}>
      <div class="keypad-display" data-testid={id('keypad-display')} data-value={props.text}>
        <span class="keypad-value">
          <Show when={props.text} fallback={<span class="muted">Quantity: type, then scan</span>}>
            <strong>{props.text}</strong>
            <span class="muted"> × next scan</span>
          </Show>
        </span>
        <button
          type="button"
          class="key key-clear"
          data-testid={id('key-clear')}
          aria-label="Clear quantity"
          disabled={props.disabled || !props.text}
          onClick={() => props.onText(pressKey(props.text, 'clear'))}
        >
          C
        </button>
      </div>
      <div class="keypad-keys">
        <For each={KEYS}>
          {(k) => (
            <button
              type="button"
              class="key"
              data-testid={id(`key-${k.key === '.' ? 'dot' : k.key}`)}
              disabled={props.disabled}
              onClick={() => props.onText(pressKey(props.text, k.key))}
            >
              {k.label}
            </button>
          )}
        </For>
      </div>
      <button
        type="button"
        class="button primary big keypad-add"
        data-testid={id('keypad-add')}
        disabled={props.disabled || quantity() === null || props.target === null}
        onClick={() => {
          const q = quantity();
          if (q !== null) props.onAdd(q);
        }}
      >
        <Show when={props.target} fallback="Scan an item to add to">
          Add {quantity() !== null ? formatQuantity(quantity()!) : ''} to {props.target}
        </Show>
      </button>
    </div>
  );
}
