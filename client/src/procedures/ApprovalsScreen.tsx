import { can } from '@stockroom/shared/access/permissions';
import type { ApprovalRequest } from '@stockroom/shared/procedures/approvals';
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { formatQuantity } from '../ui/format.ts';
import { useApprovalsRoom } from './use-procedures.ts';

/**
 * Adjustments held above their category's threshold, live from this year's and last year's
 * approvals rooms (a request made on a clerk's device shows up as it syncs). Deciding goes
 * through the server, which checks the request is still pending and writes the ledger
 * movement in the same step, so two managers approving at once post it once.
 */
export function ApprovalsScreen(): JSX.Element {
  const app = useApp();
  const year = new Date().getUTCFullYear();
  const rooms = [useApprovalsRoom(app.ws, year - 1), useApprovalsRoom(app.ws, year)];
  const [busy, setBusy] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const decides = () => can(app.session().user.role, 'approvals.decide');
  const entries = createMemo(() =>
    rooms.flatMap((r) => {
      r.tick();
      return r.model()?.list() ?? [];
    }),
  );
  const pending = () => entries().filter((e) => e.status === 'pending');
  const decided = () =>
    entries()
      .filter((e) => e.status !== 'pending')
      .slice(-20)
      .reverse();

  const decide = async (request: ApprovalRequest, action: 'approve' | 'reject') => {
    setBusy(request.id);
    setProblem('');
    const result = await app.api.send('POST', `/api/approvals/${request.id}/${action}`, z.unknown(), {});
    setBusy('');
    if (!result.ok) setProblem(result.message);
    else
      app.notify(
        action === 'approve' ? `Approved: ${request.adjustment.sku}` : `Rejected: ${request.adjustment.sku}`,
      );
  };

  const line = (r: ApprovalRequest) => (
    <>
      <strong>
        {r.adjustment.quantity > 0 ? '+' : '−'}
        {formatQuantity(Math.abs(r.adjustment.quantity))}
      </strong>{' '}
      <bdi>{r.adjustment.sku}</bdi> at <bdi>{r.adjustment.location}</bdi> — <bdi>{r.adjustment.reason}</bdi>{' '}
      (by <bdi>{r.user}</bdi>; {r.why})
    </>
  );

  return (
    <section class="screen approvals-list" data-testid="approvals-screen">
      <div class="screen-head">
        <h1>Approvals</h1>
      </div>
      <Show when={problem()}>
        <p class="form-error" role="alert" data-testid="approvals-error">
          {problem()}
        </p>
      </Show>
      <Show
        when={pending().length > 0}
        fallback={<p data-testid="approvals-empty">Nothing is waiting for approval.</p>}
      >
        <ul>
          <For each={pending()}>
            {(e) => (
              <li data-testid="approval" data-id={e.request.id} data-status="pending">
                {line(e.request)}
                <Show when={decides()}>
                  <div class="actions">
                    <button
                      type="button"
                      class="button primary"
                      data-testid="approval-approve"
                      disabled={busy() === e.request.id}
                      onClick={() => void decide(e.request, 'approve')}
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      class="button"
                      data-testid="approval-reject"
                      disabled={busy() === e.request.id}
                      onClick={() => void decide(e.request, 'reject')}
                    >
                      Reject
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={decided().length > 0}>
        <h2>Decided</h2>
        <ul>
          <For each={decided()}>
            {(e) => (
              <li data-testid="approval" data-id={e.request.id} data-status={e.status}>
                {line(e.request)} — {e.status} by <bdi>{e.decision?.user}</bdi>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
