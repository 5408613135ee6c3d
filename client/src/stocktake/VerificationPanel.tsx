import type { VerificationSummary } from '@stockroom/shared/stocktake/verification';
import { For, Show } from 'solid-js';
import { formatMoney, formatQuantity } from '../ui/format.ts';

const RESULT_TEXT = {
  pending: 'running',
  agrees: 'agrees within tolerance',
  disagrees: 'disagrees beyond tolerance',
} as const;

/** One verification next to the count it checks, line by line (managers only: counters count blind). */
export function VerificationPanel(props: { verification: VerificationSummary }) {
  const v = () => props.verification;
  const who = (users: string[]) => (users.length ? users.join(', ') : 'nobody yet');
  return (
    <div
      class="verification"
      classList={{ flagged: v().result === 'disagrees', superseded: !v().current }}
      data-testid="stocktake-verification"
      data-round={v().round}
      data-of={v().of}
      data-result={v().result}
      data-current={v().current ? 'true' : 'false'}
    >
      <h4>
        Verification round {v().round} of round {v().of}: {RESULT_TEXT[v().result]}
      </h4>
      <p class="muted">
        Round {v().of} by {who(v().primaryCounters)} · verification by {who(v().counters)}
        {v().assignees.length ? ` (asked of ${v().assignees.join(', ')})` : ''}, blind
        <Show when={v().followedBy !== null}> · recount in round {v().followedBy}</Show>
        <Show when={!v().current && v().followedBy === null}> · a later count replaced round {v().of}</Show>
      </p>
      <table class="table compact">
        <thead>
          <tr>
            <th>Item</th>
            <th class="num">Round {v().of}</th>
            <th class="num">Verification</th>
            <th class="num">Difference</th>
            <th class="num">Value</th>
          </tr>
        </thead>
        <tbody>
          <For each={v().lines}>
            {(l) => (
              <tr
                classList={{ flagged: !l.withinTolerance }}
                data-testid="stocktake-verification-line"
                data-sku={l.item.sku ?? ''}
                data-barcode={l.item.barcode ?? ''}
                data-lot={l.item.lot ?? ''}
                data-primary={l.primary}
                data-check={l.check}
                data-difference={l.difference}
                data-within={l.withinTolerance ? 'true' : 'false'}
              >
                <td>
                  {l.item.sku ?? `unknown ${l.item.barcode ?? ''}`}
                  {l.item.lot ? ` · lot ${l.item.lot}` : ''}
                </td>
                <td class="num">{formatQuantity(l.primary)}</td>
                <td class="num">{formatQuantity(l.check)}</td>
                <td class="num">
                  {l.difference > 0 ? '+' : ''}
                  {formatQuantity(l.difference)}
                  {l.withinTolerance ? '' : ' ⚠'}
                </td>
                <td class="num">{formatMoney(l.value)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
