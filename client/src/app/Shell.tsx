import {
  createEffect,
  createMemo,
  createSignal,
  Match,
  on,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from 'solid-js';
import { ItemsScreen } from '../catalog/ItemsScreen.tsx';
import { isMaintenanceRoute } from '../maintenance/maintenance-routes.ts';
import { createHashRoute } from '../routing/hash-route.ts';
import { routeHref } from '../routing/route.ts';
import { ApiClient } from '../session/api-client.ts';
import { LoginScreen } from '../session/LoginScreen.tsx';
import { canEditCatalog, canRecordMovements } from '../session/permissions.ts';
import type { Session } from '../session/session.ts';
import type { TokenKeeper } from '../session/token-keeper.ts';
import { SyncIndicator } from '../sync/SyncIndicator.tsx';
import { SyncPanel } from '../sync/SyncPanel.tsx';
import { summarize } from '../sync/sync-summary.ts';
import type { Workspace } from '../sync/workspace.ts';
import { PracticeBanner } from '../training/PracticeBanner.tsx';
import { AppContext, type AppContextValue } from './app-context.ts';
import { createCatalogItems } from './catalog-items.ts';
import { createDeferredMemo } from './deferred-memo.ts';
import { GlobalScan } from './GlobalScan.tsx';
import { JobNavigation } from './JobNavigation.tsx';
import { createLive } from './live.ts';
import {
  ApprovalsScreen,
  AuditScreen,
  CountScreen,
  DashboardScreen,
  HistoryScreen,
  HomeScreen,
  ImportScreen,
  ItemEditScreen,
  LabelsScreen,
  LocationsScreen,
  LotsScreen,
  MaintenanceRoutes,
  ManagerScreen,
  MovementScreen,
  ProceduresScreen,
  PurchaseOrderEditScreen,
  PurchaseOrderScreen,
  PurchaseOrdersScreen,
  ReceiveScreen,
  ReplenishmentScreen,
  ReportScreen,
  ScannerSettingsPage,
  ScreenLoading,
  SessionsScreen,
  StockScreen,
  StocktakesScreen,
  SupplierScreen,
  SuppliersScreen,
  TraceScreen,
  TrainingScreen,
  UsersScreen,
} from './screens.tsx';
import { startTokenUpkeep } from './token-upkeep.ts';

const PERIOD_CHECK_INTERVAL_MS = 30_000;

export function Shell(props: {
  ws: Workspace;
  /** Keeps the access token fresh; new pairs reach `session` and every room through it. */
  keeper: TokenKeeper;
  session: () => Session;
  deviceId: string;
  onLogout: () => void;
}) {
  const ws = props.ws;
  const live = createLive(ws);
  const { route, navigate, replaceRoute } = createHashRoute();
  const [panelOpen, setPanelOpen] = createSignal(false);
  const closePanelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && panelOpen()) setPanelOpen(false);
  };
  document.addEventListener('keydown', closePanelOnEscape);
  onCleanup(() => document.removeEventListener('keydown', closePanelOnEscape));
  const [expired, setExpired] = createSignal(false);
  const [relogin, setRelogin] = createSignal(false);
  const [toast, setToast] = createSignal('');

  const { items, itemsReady, firstItems } = createCatalogItems(ws, live.catalogTick);
  // The full fold waits for the first paint; the items list's first rows fold their own SKUs.
  const stock = createDeferredMemo(() => {
    live.ledgerTick();
    return ws.ledger.stock();
  });
  const sync = createMemo(() => {
    live.syncTick();
    return summarize(ws.rooms.map((r) => r.statusSnapshot));
  });

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const ctx: AppContextValue = {
    ...live,
    ws,
    session: props.session,
    deviceId: props.deviceId,
    actor: () => ({ user: props.session().user.username, device: props.deviceId }),
    items,
    itemsReady,
    firstItems,
    stock,
    sync,
    route,
    navigate,
    replaceRoute,
    notify(message) {
      setToast(message);
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => setToast(''), 4000);
    },
    canEditCatalog: () => canEditCatalog(props.session().user.role),
    canRecord: () => canRecordMovements(props.session().user.role),
    api: new ApiClient(props.keeper),
  };

  onCleanup(ws.onRejected(() => setExpired(true)));
  // Refreshes the token before it expires and after 4401s; asks for a login only when the
  // server refuses the refresh token (then `onRejected` above shows the banner).
  onCleanup(startTokenUpkeep({ keeper: props.keeper, ws }));

  // A new screen starts at its top, not where the previous one was scrolled to.
  let content: HTMLElement | undefined;
  const screenKey = () => {
    const r = route();
    if (r.name === 'stocktake' || r.name === 'stocktake-count') return `${r.name}:${r.id}`;
    if (
      r.name === 'purchase-order' ||
      r.name === 'purchase-order-edit' ||
      r.name === 'purchase-order-receive'
    )
      return `${r.name}:${r.id}`;
    return r.name === 'item-edit' ? `${r.name}:${r.sku}` : r.name;
  };
  createEffect(on(screenKey, () => content?.scrollTo(0, 0), { defer: true }));

  const periodTimer = setInterval(() => void ws.followPeriod(), PERIOD_CHECK_INTERVAL_MS);
  onCleanup(() => {
    clearInterval(periodTimer);
    clearTimeout(toastTimer);
  });

  return (
    <AppContext.Provider value={ctx}>
      <Show
        when={!relogin()}
        fallback={
          <LoginScreen
            reason="The server asked you to log in again. Everything you did on this device is kept and will sync after you log in."
            username={props.session().user.username}
            onCancel={() => setRelogin(false)}
            onLogin={(s) => {
              props.keeper.replace(s); // saves it, and hands the token to every room
              setExpired(false);
              setRelogin(false);
            }}
          />
        }
      >
        <div class="shell">
          {/* A button, not a `#main` link: the address's hash is the app's route. */}
          <button type="button" class="skip-link" data-testid="skip-link" onClick={() => content?.focus()}>
            Skip to content
          </button>
          <header class="topbar">
            <a
              class="brand"
              href={routeHref({ name: 'home' })}
              data-testid="brand"
              aria-label="Stockroom, home"
            >
              <img src="./icon.svg" alt="" width="28" height="28" />
              <span>Stockroom</span>
            </a>
            <div class="topbar-actions">
              <GlobalScan />
              <SyncIndicator open={panelOpen()} onToggle={() => setPanelOpen(!panelOpen())} />
            </div>
          </header>
          <PracticeBanner />
          <Show when={expired()}>
            <div class="banner warning" role="alert" data-testid="session-expired">
              <span>Your login has expired. Your changes are kept on this device.</span>
              <button
                type="button"
                class="button primary"
                data-testid="session-relogin"
                onClick={() => setRelogin(true)}
              >
                Log in again
              </button>
            </div>
          </Show>
          <Show when={panelOpen()}>
            <SyncPanel onClose={() => setPanelOpen(false)} onLogout={props.onLogout} />
          </Show>
          <div class="shell-body">
            <JobNavigation />
            <main class="content" ref={content} tabIndex={-1} data-testid="main">
              <Suspense fallback={<ScreenLoading />}>
                <Switch fallback={<NotFound />}>
                  <Match when={route().name === 'home'}>
                    <HomeScreen />
                  </Match>
                  <Match when={route().name === 'items'}>
                    <ItemsScreen />
                  </Match>
                  <Match when={route().name === 'item-new'}>
                    <ItemEditScreen sku={null} />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'item-edit' ? r.sku : null;
                    })()}
                    keyed
                  >
                    {(sku) => <ItemEditScreen sku={sku} />}
                  </Match>
                  <Match when={route().name === 'locations'}>
                    <LocationsScreen />
                  </Match>
                  <Match when={route().name === 'stock'}>
                    <StockScreen />
                  </Match>
                  <Match when={route().name === 'move'}>
                    <MovementScreen />
                  </Match>
                  <Match when={route().name === 'history'}>
                    <HistoryScreen />
                  </Match>
                  <Match when={route().name === 'suppliers'}>
                    <SuppliersScreen />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'supplier' ? r.code : null;
                    })()}
                    keyed
                  >
                    {(code) => <SupplierScreen code={code} />}
                  </Match>
                  <Match when={route().name === 'purchase-orders'}>
                    <PurchaseOrdersScreen />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'purchase-order-new' ? { supplier: r.supplier } : null;
                    })()}
                    keyed
                  >
                    {(r) => <PurchaseOrderEditScreen id={null} supplier={r.supplier} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'purchase-order' ? r.id : null;
                    })()}
                    keyed
                  >
                    {(id) => <PurchaseOrderScreen id={id} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'purchase-order-edit' ? r.id : null;
                    })()}
                    keyed
                  >
                    {(id) => <PurchaseOrderEditScreen id={id} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'purchase-order-receive' ? r.id : null;
                    })()}
                    keyed
                  >
                    {(id) => <ReceiveScreen id={id} />}
                  </Match>
                  <Match when={route().name === 'scanner'}>
                    <ScannerSettingsPage />
                  </Match>
                  <Match when={route().name === 'dashboard'}>
                    <DashboardScreen />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'report' ? r : null;
                    })()}
                  >
                    {(r) => <ReportScreen report={r().report} params={r().params} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'replenishment' ? r : null;
                    })()}
                  >
                    {(r) => <ReplenishmentScreen supplier={r().supplier} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return isMaintenanceRoute(r) ? r : null;
                    })()}
                  >
                    {(r) => <MaintenanceRoutes route={r()} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'labels' ? r.kind : null;
                    })()}
                    keyed
                  >
                    {(kind) => <LabelsScreen initialKind={kind} />}
                  </Match>
                  <Match when={route().name === 'lots'}>
                    <LotsScreen />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'trace' ? r : null;
                    })()}
                    keyed
                  >
                    {(r) => <TraceScreen sku={r.sku} lot={r.lot} serial={r.serial} />}
                  </Match>
                  <Match when={route().name === 'import'}>
                    <ImportScreen />
                  </Match>
                  <Match when={route().name === 'admin-users'}>
                    <UsersScreen />
                  </Match>
                  <Match when={route().name === 'admin-sessions'}>
                    <SessionsScreen />
                  </Match>
                  <Match when={route().name === 'audit'}>
                    <AuditScreen />
                  </Match>
                  <Match when={route().name === 'training'}>
                    <TrainingScreen />
                  </Match>
                  <Match when={route().name === 'approvals'}>
                    <ApprovalsScreen />
                  </Match>
                  <Match when={route().name === 'settings-procedures'}>
                    <ProceduresScreen />
                  </Match>
                  <Match when={route().name === 'stocktakes'}>
                    <StocktakesScreen />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'stocktake' ? r.id : null;
                    })()}
                    keyed
                  >
                    {(id) => <ManagerScreen id={id} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'stocktake-count' ? r.id : null;
                    })()}
                    keyed
                  >
                    {(id) => <CountScreen id={id} />}
                  </Match>
                </Switch>
              </Suspense>
            </main>
          </div>
          <Show when={toast()}>
            <div class="toast" role="status" data-testid="toast">
              {toast()}
            </div>
          </Show>
        </div>
      </Show>
    </AppContext.Provider>
  );
}

function NotFound() {
  return (
    <div class="empty" data-testid="not-found">
      <h2>Nothing here</h2>
      <p>
        This link does not lead anywhere in Stockroom. <a href="#/home">Go to your home screen</a>.
      </p>
    </div>
  );
}
