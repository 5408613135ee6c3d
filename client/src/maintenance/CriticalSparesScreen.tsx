import { availability, availableBySku, reservedBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { formatQuantity } from '../ui/format.ts';
import { MaintenanceGuard } from './MaintenanceParts.tsx';
import { criticalSpares } from './spares-view.ts';
import { roomsLoaded, useMaintenanceRoom } from './use-maintenance.ts';
import { useWorkOrderRooms } from './use-work-order.ts';
import './maintenance.css';

/** `#/critical-spares`: spares of critical and high assets that are below their minimum now. */
export function CriticalSparesScreen() {
  return (
    <MaintenanceGuard>
      <Spares />
    </MaintenanceGuard>
  );
}

function Spares() {
  const app = useApp();
  const room = useMaintenanceRoom(app.ws);
  const rooms = useWorkOrderRooms(app);
  const lines = createMemo(() => {
    room.tick();
    app.catalogTick();
    const assets = [...(room.model()?.assets.values() ?? [])];
    const reserved = reservedBySku([...rooms.orders().values()].map((x) => x.order));
    const available = availableBySku(availability(app.stock().totalsBySku(), reserved));
    return criticalSpares(assets, (sku) => app.ws.catalog.items.get(sku)?.minQty ?? null, available);
  });
  return (
    <section class="screen" data-testid="spares-screen">
      <h2>Critical spares below minimum</h2>
      <Show
        when={roomsLoaded([room, ...rooms.rooms])}
        fallback={<p class="muted">Opening the data stored on this device…</p>}
      >
        <Show
          when={lines().length > 0}
          fallback={
            <div class="empty" data-testid="spares-empty">
              <h3>Every critical spare is on hand</h3>
            </div>
          }
        >
          <table class="table" data-testid="spares-table">
            <thead>
              <tr>
                <th>Part</th>
                <th class="num">Minimum</th>
                <th class="num">Available</th>
                <th class="num">Short</th>
                <th>For assets</th>
              </tr>
            </thead>
            <tbody>
              <For each={lines()}>
                {(s) => (
                  <tr
                    data-testid="spare-row"
                    data-sku={s.sku}
                    data-minimum={s.minimum}
                    data-available={s.available}
                    data-shortfall={s.shortfall}
                  >
                    <td>
                      <bdi>{s.sku}</bdi>{' '}
                      <span class="muted">{app.ws.catalog.items.get(s.sku)?.name ?? ''}</span>
                    </td>
                    <td class="num">{formatQuantity(s.minimum)}</td>
                    <td class="num">{formatQuantity(s.available)}</td>
                    <td class="num">{formatQuantity(s.shortfall)}</td>
                    <td>
                      <For each={s.assets}>
                        {(code) => (
                          <a href={routeHref({ name: 'asset', code })}>
                            <bdi>{code}</bdi>{' '}
                          </a>
                        )}
                      </For>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </section>
  );
}
