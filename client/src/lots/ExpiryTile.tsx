import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { useServerReachable } from '../app/OnlineOnly.tsx';
import { routeHref } from '../routing/route.ts';
import { formatMoney } from '../ui/format.ts';
import { LotView } from './lot-view.ts';

const DAYS = 30;

/**
 * The dashboard's expiry tile: how many lots with stock expire within 30 days (expired ones
 * included) and what the expired stock is worth; a link to the list. Lot records span every
 * ledger month, so the figures come from the server (GET /api/lots); offline the tile says so
 * instead of showing a stale or partial number. Uses the dashboard's tile classes.
 */
export function ExpiryTile(): JSX.Element {
  const app = useApp();
  const reachable = useServerReachable();
  const [lots, setLots] = createSignal<LotView[] | null>(null);
  const [failed, setFailed] = createSignal(false);
  createEffect(
    on(reachable, async (online) => {
      if (!online) return;
      const result = await app.api.get(`/api/lots?expiringWithinDays=${DAYS}`, z.array(LotView));
      setFailed(!result.ok);
      if (result.ok) setLots(result.data);
    }),
  );
  const expired = () => (lots() ?? []).filter((l) => l.expired);
  const expiredValue = () => fromUnits(expired().reduce((sum, l) => sum + toUnits(l.value), 0));
  const soon = () => (lots() ?? []).length - expired().length;
  const href = routeHref({ name: 'lots', days: String(DAYS), sku: '' });
  return (
    <a
      class={expired().length > 0 ? 'tile alert' : 'tile'}
      href={href}
      data-testid="tile-expiry"
      data-count={lots()?.length ?? ''}
      data-expired-value={lots() ? expiredValue() : ''}
    >
      <span class="tile-label">Lots expiring within {DAYS} days</span>
      <strong class="tile-value" data-testid="tile-expiry-value">
        <Show when={lots()} fallback="—">
          {(l) => l().length}
        </Show>
      </strong>
      <span class="muted" data-testid="tile-expiry-detail">
        <Show when={lots()} fallback={!reachable() || failed() ? 'Needs the server' : 'Loading…'}>
          {soon()} still usable · expired {formatMoney(expiredValue())} ({expired().length} lots)
        </Show>
      </span>
    </a>
  );
}
