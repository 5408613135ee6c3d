import { assetTree } from '@stockroom/shared/maintenance/asset';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { AssetForm } from './AssetForm.tsx';
import { assetRows } from './asset-view.ts';
import { MaintenanceGuard } from './MaintenanceParts.tsx';
import { canPlanMaintenance } from './maintenance-permissions.ts';
import { useMaintenanceRoom } from './use-maintenance.ts';
import { CRITICALITY_LABEL } from './work-order-list.ts';
import './maintenance.css';

/** `#/assets?q=`: the asset tree (line → machine → component); scanning an asset's tag opens it. */
export function AssetsScreen(props: { q: string }) {
  return (
    <MaintenanceGuard>
      <Assets q={props.q} />
    </MaintenanceGuard>
  );
}

function Assets(props: { q: string }) {
  const app = useApp();
  const room = useMaintenanceRoom(app.ws);
  const [creating, setCreating] = createSignal<{ parent: string } | null>(null);
  const [scanError, setScanError] = createSignal('');
  const plans = () => canPlanMaintenance(app.session().user.role);
  const assets = createMemo(() => {
    room.tick();
    return [...(room.model()?.assets.values() ?? [])];
  });
  const rows = createMemo(() => assetRows(assetTree(assets()), props.q));

  const handleScan = (scan: ScanEvent) => {
    if (creating()) return;
    const raw = scan.raw.trim();
    const m = room.model();
    const asset = m?.assetForBarcode(raw) ?? assets().find((a) => a.code.toUpperCase() === raw.toUpperCase());
    if (asset) return app.navigate({ name: 'asset', code: asset.code });
    setScanError(`No asset has the tag ${raw}`);
  };
  useWedgeScanner(handleScan);

  return (
    <section class="screen assets-screen" data-testid="assets-screen">
      <div class="screen-head">
        <h2>Assets</h2>
        <RoomsSyncBadge rooms={[room]} testId="assets-sync" />
        <Show when={plans() && !creating()}>
          <button
            type="button"
            class="button primary"
            data-testid="asset-new"
            onClick={() => setCreating({ parent: '' })}
          >
            New asset
          </button>
        </Show>
      </div>
      <Show when={creating() && room.model()}>
        <AssetForm
          room={room.model()!}
          parent={creating()!.parent}
          onCancel={() => setCreating(null)}
          onDone={(code) => {
            setCreating(null);
            app.navigate({ name: 'asset', code });
          }}
        />
      </Show>
      <div class="toolbar">
        <input
          class="search"
          type="search"
          data-testid="assets-search"
          placeholder="Search code, name or tag — or scan an asset tag"
          aria-label="Search assets"
          value={props.q}
          onInput={(e) => app.replaceRoute({ name: 'assets', q: e.currentTarget.value })}
        />
      </div>
      <Show when={scanError()}>
        <p class="form-error" role="alert" data-testid="assets-scan-error">
          {scanError()}
        </p>
      </Show>
      <Show
        when={room.model()}
        fallback={
          <p class="muted" data-testid="assets-loading">
            Opening the assets stored on this device…
          </p>
        }
      >
        <Show
          when={rows().length > 0}
          fallback={
            <div class="empty" data-testid="assets-empty">
              <h3>{assets().length === 0 ? 'No assets yet' : 'No asset matches'}</h3>
              <Show when={assets().length === 0 && plans()}>
                <p>Start with a production line, then the machines on it.</p>
              </Show>
            </div>
          }
        >
          <ul class="plain asset-tree">
            <For each={rows()}>
              {(r) => (
                <li
                  class="asset-row"
                  classList={{ inactive: !r.asset.active }}
                  style={{ 'padding-inline-start': `${r.depth * 1.5}rem` }}
                  data-testid="asset-row"
                  data-code={r.asset.code}
                  data-depth={r.depth}
                  data-criticality={r.asset.criticality}
                >
                  <a href={routeHref({ name: 'asset', code: r.asset.code })}>
                    <strong>
                      <bdi>{r.asset.code}</bdi>
                    </strong>{' '}
                    <bdi>{r.asset.name}</bdi>
                  </a>
                  <span class={`badge crit-${r.asset.criticality}`}>
                    {CRITICALITY_LABEL[r.asset.criticality]}
                  </span>
                  <Show when={plans()}>
                    <button
                      type="button"
                      class="button ghost small"
                      data-testid="asset-add-child"
                      onClick={() => setCreating({ parent: r.asset.code })}
                    >
                      + part
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
