import { reservedBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { AssetForm } from './AssetForm.tsx';
import { assetPartsCost, spareLines } from './asset-view.ts';
import { MaintenanceGuard, WoStatusBadge } from './MaintenanceParts.tsx';
import { canPlanMaintenance } from './maintenance-permissions.ts';
import { useMaintenanceRoom } from './use-maintenance.ts';
import { useWorkOrderRooms } from './use-work-order.ts';
import { CRITICALITY_LABEL, filterWorkOrders, workOrderNumber } from './work-order-list.ts';
import './maintenance.css';

/** `#/assets/<code>`: an asset, its work orders, what its parts cost and its recommended spares. */
export function AssetScreen(props: { code: string }) {
  return (
    <MaintenanceGuard>
      <AssetDetail code={props.code} />
    </MaintenanceGuard>
  );
}

function AssetDetail(props: { code: string }) {
  const app = useApp();
  const room = useMaintenanceRoom(app.ws);
  const rooms = useWorkOrderRooms(app);
  const [editing, setEditing] = createSignal(false);
  const plans = () => canPlanMaintenance(app.session().user.role);
  const assets = createMemo(() => {
    room.tick();
    return [...(room.model()?.assets.values() ?? [])];
  });
  const asset = createMemo(() => assets().find((a) => a.code === props.code) ?? null);
  const orders = createMemo(() => [...rooms.orders().values()].map((x) => x.order));
  const own = createMemo(() =>
    filterWorkOrders(
      orders(),
      { status: '', priority: '', due: '', asset: props.code },
      new Date().toISOString().slice(0, 10),
    ),
  );
  const children = createMemo(() => assets().filter((a) => a.parent === props.code));
  const available = createMemo(() => {
    const onHand = app.stock().totalsBySku();
    const reserved = reservedBySku(orders());
    return (sku: string) => (onHand.get(sku) ?? 0) - (reserved.get(sku) ?? 0);
  });

  return (
    <section class="screen asset-screen" data-testid="asset-screen" data-code={props.code}>
      <div class="screen-head">
        <a class="button ghost small" href={routeHref({ name: 'assets', q: '' })} data-testid="asset-back">
          ‹ Assets
        </a>
        <RoomsSyncBadge rooms={[room, ...rooms.rooms]} testId="asset-sync" />
      </div>
      <Show when={room.model()} fallback={<p class="muted">Opening the assets stored on this device…</p>}>
        <Show
          when={asset()}
          fallback={
            <div class="empty" data-testid="asset-missing">
              <h2>No asset {props.code} on this device</h2>
              <p>It arrives as soon as the device is online, if it exists.</p>
            </div>
          }
        >
          {(a) => (
            <>
              <h2>
                <bdi>{a().code}</bdi> <bdi data-testid="asset-name">{a().name}</bdi>{' '}
                <span
                  class={`badge crit-${a().criticality}`}
                  data-testid="asset-criticality"
                  data-criticality={a().criticality}
                >
                  {CRITICALITY_LABEL[a().criticality]}
                </span>
              </h2>
              <dl class="wo-facts">
                <Show when={a().parent}>
                  <dt>Part of</dt>
                  <dd>
                    <a href={routeHref({ name: 'asset', code: a().parent! })} data-testid="asset-parent">
                      <bdi>{a().parent}</bdi>
                    </a>
                  </dd>
                </Show>
                <dt>Location</dt>
                <dd>{a().location ?? '—'}</dd>
                <dt>Tag</dt>
                <dd data-testid="asset-barcode">{a().barcode ?? 'none'}</dd>
                <dt>Parts cost</dt>
                <dd
                  data-testid="asset-parts-cost"
                  data-cost={assetPartsCost(assets(), a().code, orders(), false)}
                >
                  {formatMoney(assetPartsCost(assets(), a().code, orders(), false))}
                  <Show when={children().length > 0}>
                    {' '}
                    <span class="muted">
                      (with its parts: {formatMoney(assetPartsCost(assets(), a().code, orders(), true))})
                    </span>
                  </Show>
                </dd>
              </dl>
              <Show when={plans()}>
                <Show
                  when={editing()}
                  fallback={
                    <button
                      type="button"
                      class="button"
                      data-testid="asset-edit"
                      onClick={() => setEditing(true)}
                    >
                      Edit asset
                    </button>
                  }
                >
                  <AssetForm
                    room={room.model()!}
                    asset={a()}
                    onCancel={() => setEditing(false)}
                    onDone={() => setEditing(false)}
                  />
                </Show>
              </Show>

              <div class="card" data-testid="asset-spares">
                <h3>Recommended spares</h3>
                <Show when={a().spares.length > 0} fallback={<p class="muted">None recommended.</p>}>
                  <ul class="plain">
                    <For each={spareLines(a(), available())}>
                      {(s) => (
                        <li
                          data-testid="asset-spare"
                          data-sku={s.sku}
                          data-recommended={s.recommended}
                          data-available={s.available}
                          data-short={s.short ? 'true' : 'false'}
                          classList={{ short: s.short }}
                        >
                          <bdi>{s.sku}</bdi>: keep {formatQuantity(s.recommended)},{' '}
                          {formatQuantity(s.available)} available
                          {s.short ? ' · below' : ''}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>

              <div class="card" data-testid="asset-work-orders">
                <h3>Work orders</h3>
                <Show
                  when={own().length > 0}
                  fallback={
                    <p class="muted" data-testid="asset-work-orders-empty">
                      No work orders for this asset.
                    </p>
                  }
                >
                  <ul class="plain">
                    <For each={own()}>
                      {(o) => (
                        <li data-testid="asset-wo" data-id={o.id} data-cost={o.totalCost}>
                          <a href={routeHref({ name: 'work-order', id: o.id })}>
                            {workOrderNumber(o)} <bdi>{o.title}</bdi>
                          </a>{' '}
                          <WoStatusBadge order={o} testId="asset-wo-status" /> {formatMoney(o.totalCost)}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
