import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { type FefoAdvice, fefoAdvice, LotView } from './lot-view.ts';

/**
 * The movement screen's FEFO line for issues and transfers of lot-tracked items: which lot
 * expires first at this location, and a warning when the lot typed or scanned is not it,
 * is expired or blocked. Advice only, from the server when it can be reached: offline the
 * line stays away (the server still refuses blocked lots on the API).
 */
export function FefoHint(props: {
  type: string;
  sku: string;
  location: string;
  lot: string;
  tracked: boolean;
  /** Puts the proposed lot into the form. */
  onUse: (lot: string) => void;
  /** Told whenever the advice for the chosen lot changes (the form refuses blocked lots). */
  onAdvice?: (advice: FefoAdvice) => void;
}): JSX.Element {
  const app = useApp();
  const [lots, setLots] = createSignal<LotView[]>([]);
  const wanted = () =>
    props.tracked && (props.type === 'issue' || props.type === 'transfer') && props.sku && props.location
      ? `sku=${encodeURIComponent(props.sku)}&location=${encodeURIComponent(props.location)}`
      : '';
  createEffect(
    on(wanted, async (query) => {
      setLots([]);
      if (!query) return;
      const result = await app.api.get(`/api/lots?${query}`, z.array(LotView));
      if (result.ok && query === wanted()) setLots(result.data);
    }),
  );
  const advice = () => fefoAdvice(lots(), props.lot.trim());
  createEffect(() => props.onAdvice?.(advice()));
  return (
    <Show when={lots().length > 0}>
      <div class="notice" data-testid="fefo-hint" data-proposed={advice().proposed?.lot ?? ''}>
        <Show
          when={advice().proposed}
          fallback={<span>No usable lot here: every lot is expired or blocked.</span>}
        >
          {(p) => (
            <span>
              First to expire here: lot <bdi data-testid="fefo-proposed">{p().lot}</bdi>
              {p().expiry ? ` (expires ${p().expiry})` : ''}{' '}
              <Show when={p().lot !== props.lot.trim()}>
                <button
                  type="button"
                  class="button"
                  data-testid="fefo-use"
                  onClick={() => props.onUse(p().lot)}
                >
                  Take this lot
                </button>
              </Show>
            </span>
          )}
        </Show>
        <Show when={advice().warnings.length > 0}>
          <p
            class="form-error"
            role="alert"
            data-testid="fefo-warning"
            data-warnings={advice().warnings.join(' ')}
          >
            {advice().warnings.includes('blocked') ? 'This lot is blocked: it cannot be issued. ' : ''}
            {advice().warnings.includes('expired') ? 'This lot is expired: issuing it needs a reason. ' : ''}
            {advice().warnings.includes('not-first') ? 'Another lot here expires first.' : ''}
          </p>
        </Show>
      </div>
    </Show>
  );
}
