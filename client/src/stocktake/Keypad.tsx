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
 * many instead of 1) or tap "Add" to add it to the item counted last.
 */
export function Keypad(props: {
  text: string;
  onText: (text: string) => void;
  /** The item "Add" adds to (the last one counted here), or null. */
  target: string | null;
  onAdd: (quantity: number) => void;
  disabled?: boolean;
}) {
  const quantity = () => keypadQuantity(props.text);
  return (
    <div class="keypad" data-testid="count-keypad">
      <div class="keypad-display" data-testid="count-keypad-display" data-value={props.text}>
        <span class="keypad-value">
          <Show when={props.text} fallback={<span class="muted">Quantity: type, then scan</span>}>
            <strong>{props.text}</strong>
            <span class="muted"> × next scan</span>
          </Show>
        </span>
        <button
          type="button"
          class="key key-clear"
          data-testid="count-key-clear"
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
              data-testid={`count-key-${k.key === '.' ? 'dot' : k.key}`}
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
        data-testid="count-keypad-add"
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
