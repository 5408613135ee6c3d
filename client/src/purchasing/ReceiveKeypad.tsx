import { For, Show } from 'solid-js';
import { type KeypadKey, keypadQuantity, pressKey } from '../stocktake/keypad.ts';
import { formatQuantity } from '../ui/format.ts';

const KEYS: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'back'];
const LABEL: Partial<Record<KeypadKey, string>> = { back: '⌫' };

/**
 * The receiving keypad: type a quantity, then scan the item (that many, or that many packs),
 * or tap "Add" to add it to the line scanned last.
 */
export function ReceiveKeypad(props: {
  text: string;
  onText: (text: string) => void;
  /** What "Add" adds to (the last scan's item and bin), or null. */
  target: string | null;
  onAdd: (quantity: number) => void;
  disabled?: boolean;
}) {
  const quantity = () => keypadQuantity(props.text);
  return (
    <div class="keypad" data-testid="receive-keypad">
      <div class="keypad-display" data-testid="receive-keypad-display" data-value={props.text}>
        <span class="keypad-value">
          <Show when={props.text} fallback={<span class="muted">Quantity: type, then scan</span>}>
            <strong>{props.text}</strong>
            <span class="muted"> × next scan</span>
          </Show>
        </span>
        <button
          type="button"
          class="key key-clear"
          data-testid="receive-key-clear"
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
              data-testid={`receive-key-${k === '.' ? 'dot' : k}`}
              disabled={props.disabled}
              onClick={() => props.onText(pressKey(props.text, k))}
            >
              {LABEL[k] ?? k}
            </button>
          )}
        </For>
      </div>
      <button
        type="button"
        class="button primary big keypad-add"
        data-testid="receive-keypad-add"
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
