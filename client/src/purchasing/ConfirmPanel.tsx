import { createSignal, type JSX, Show } from 'solid-js';
import { focusOnMount } from '../ui/Field.tsx';

/**
 * An inline "are you sure?" for a step that cannot be taken back (sending, cancelling or
 * closing an order): says what happens, optionally asks for a reason, then confirms.
 */
export function ConfirmPanel(props: {
  testId: string;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  /** Ask for an optional reason (kept with the state change). */
  reason?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = createSignal('');
  return (
    <div class="card confirm-panel" role="alertdialog" aria-label={props.title} data-testid={props.testId}>
      <h3>{props.title}</h3>
      <div>{props.children}</div>
      <Show when={props.reason}>
        <label class="field">
          <span class="field-label">Reason (optional)</span>
          <input
            dir="auto"
            maxLength={500}
            data-testid={`${props.testId}-reason`}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </Show>
      <div class="actions">
        <button
          type="button"
          class="button primary"
          classList={{ danger: props.danger }}
          data-testid={`${props.testId}-confirm`}
          ref={(el) => {
            if (!props.reason) focusOnMount(el);
          }}
          onClick={() => props.onConfirm(reason().trim())}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="button" data-testid={`${props.testId}-dismiss`} onClick={props.onCancel}>
          Not now
        </button>
      </div>
    </div>
  );
}
