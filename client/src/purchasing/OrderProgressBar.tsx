import { Show } from 'solid-js';
import { formatQuantity } from '../ui/format.ts';

/**
 * Received of ordered as a bar: what the room holds (every device's receipts), and what this
 * screen is about to add in a lighter shade. An over-delivery fills the bar and says so.
 */
export function ProgressBar(props: {
  received: number;
  ordered: number;
  /** Scanned here, not posted yet. */
  adding?: number;
  testId?: string;
}) {
  const pct = (n: number) => (props.ordered > 0 ? Math.min(100, Math.max(0, (n / props.ordered) * 100)) : 0);
  const received = () => pct(props.received);
  const adding = () => Math.min(100 - received(), pct(props.adding ?? 0));
  return (
    <span
      class="po-progress"
      classList={{ over: props.received + (props.adding ?? 0) > props.ordered }}
      data-testid={props.testId}
      data-received={props.received}
      data-ordered={props.ordered}
      data-adding={props.adding ?? 0}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={props.ordered}
      aria-valuenow={props.received}
      aria-label={`${formatQuantity(props.received)} of ${formatQuantity(props.ordered)} received`}
    >
      <span class="po-progress-track">
        <span class="po-progress-done" style={{ width: `${received()}%` }} />
        <Show when={adding() > 0}>
          <span class="po-progress-adding" style={{ width: `${adding()}%` }} />
        </Show>
      </span>
      <span class="po-progress-text">
        {formatQuantity(props.received)}
        <Show when={(props.adding ?? 0) > 0}> + {formatQuantity(props.adding ?? 0)}</Show> /{' '}
        {formatQuantity(props.ordered)}
      </span>
    </span>
  );
}
