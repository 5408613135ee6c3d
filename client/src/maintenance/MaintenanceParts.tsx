import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { For, type JSX, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { canSeeMaintenance } from './maintenance-permissions.ts';
import { STATUS_LABEL } from './work-order-list.ts';

/** Maintenance screens only for roles that read them (the server refuses their rooms to anyone else). */
export function MaintenanceGuard(props: { children: JSX.Element }) {
  const app = useApp();
  return (
    <Show
      when={canSeeMaintenance(app.session().user.role)}
      fallback={
        <section class="screen">
          <p class="notice" data-testid="mro-not-allowed">
            Your role does not see maintenance.
          </p>
        </section>
      }
    >
      {props.children}
    </Show>
  );
}

export function WoStatusBadge(props: { order: WorkOrderView; testId: string }) {
  return (
    <span
      class={`badge wo-status-${props.order.status}`}
      data-testid={props.testId}
      data-status={props.order.status}
    >
      {STATUS_LABEL[props.order.status]}
    </span>
  );
}

/**
 * Per part: planned, still reserved, issued, returned and its cost, with the work order's
 * total; every figure also in a data attribute, exactly as the fold computed it.
 */
export function PartLinesTable(props: { order: WorkOrderView }) {
  const app = useApp();
  return (
    <Show
      when={props.order.parts.length > 0}
      fallback={
        <p class="muted" data-testid="wo-parts-empty">
          No parts planned, reserved or issued yet.
        </p>
      }
    >
      <table class="table wo-parts" data-testid="wo-parts">
        <thead>
          <tr>
            <th>Part</th>
            <th class="num">Planned</th>
            <th class="num">Reserved</th>
            <th class="num">Issued</th>
            <th class="num">Returned</th>
            <th class="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.order.parts}>
            {(p) => (
              <tr
                data-testid="wo-part"
                data-sku={p.sku}
                data-planned={p.planned}
                data-reserved={p.reserved}
                data-issued={p.issued}
                data-returned={p.returned}
                data-cost={p.cost}
                data-shortage={p.shortage ? 'true' : 'false'}
              >
                <td>
                  <strong>
                    <bdi>{p.sku}</bdi>
                  </strong>{' '}
                  <span class="muted">
                    <bdi>{app.ws.catalog.items.get(p.sku)?.name ?? ''}</bdi>
                  </span>
                  <Show when={p.shortage}>
                    {' '}
                    <span class="badge warning" data-testid="wo-part-shortage">
                      short
                    </span>
                  </Show>
                </td>
                <td class="num">{formatQuantity(p.planned)}</td>
                <td class="num" data-testid="wo-part-reserved">
                  {formatQuantity(p.reserved)}
                  <Show when={p.reservedAt.some((r) => r.location)}>
                    <span class="muted small">
                      {' '}
                      (
                      {p.reservedAt
                        .map((r) => `${formatQuantity(r.reserved)} ${r.location ?? 'any bin'}`)
                        .join(', ')}
                      )
                    </span>
                  </Show>
                </td>
                <td class="num" data-testid="wo-part-issued">
                  {formatQuantity(p.issued)}
                </td>
                <td class="num" data-testid="wo-part-returned">
                  {formatQuantity(p.returned)}
                </td>
                <td class="num" data-testid="wo-part-cost">
                  {formatMoney(p.cost)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={5}>Total parts cost</th>
            <th class="num" data-testid="wo-total-cost" data-total={props.order.totalCost}>
              {formatMoney(props.order.totalCost)}
            </th>
          </tr>
        </tfoot>
      </table>
    </Show>
  );
}
