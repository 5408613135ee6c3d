import { type Component, type JSX, lazy } from 'solid-js';

/**
 * Every screen but the start screens (login, items list, sync indicator) is its own chunk,
 * fetched the first time it is shown: a start downloads, parses and compiles only what the
 * items list needs, and Chart.js, pdf-lib, bwip-js and the scanner come with the screens
 * that use them. The service worker precaches every chunk, so they load offline too.
 */

const RELOADED_AT = 'stockroom.chunkReloadAt';
/** One automatic reload per this long; a second failure shows a message instead of a loop. */
const RELOAD_GUARD_MS = 30_000;

/**
 * A chunk that cannot be fetched is almost always a stale page: a new version was installed
 * while this tab was open and the old chunk files are gone. Reloading once picks up the new
 * version; if that does not help, the screen says so instead of reloading for ever.
 */
function screen<P extends Record<string, unknown>>(load: () => Promise<Component<P>>): Component<P> {
  return lazy(async () => {
    try {
      return { default: await load() };
    } catch (error) {
      const store = window.sessionStorage;
      const last = Number(store.getItem(RELOADED_AT) ?? 0);
      if (Date.now() - last > RELOAD_GUARD_MS) {
        store.setItem(RELOADED_AT, String(Date.now()));
        window.location.reload();
        return new Promise<never>(() => undefined); // the page goes away
      }
      console.warn('A screen could not be loaded:', error);
      return { default: ScreenUnavailable as Component<P> };
    }
  });
}

function ScreenUnavailable(): JSX.Element {
  return (
    <div class="empty" data-testid="screen-unavailable">
      <h2>This screen could not be loaded</h2>
      <p>
        Stockroom could not load this part of the app on this device. Reload the page, with the network on if
        you can.
      </p>
      <button type="button" class="button primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

/** What a screen shows while its code is being loaded (from the service worker cache, usually). */
export function ScreenLoading(): JSX.Element {
  return (
    <p class="boot" data-testid="screen-loading">
      Loading…
    </p>
  );
}

export const HomeScreen = screen(async () => (await import('../home/HomeScreen.tsx')).HomeScreen);
export const ItemEditScreen = screen(
  async () => (await import('../catalog/ItemEditScreen.tsx')).ItemEditScreen,
);
export const LocationsScreen = screen(
  async () => (await import('../catalog/LocationsScreen.tsx')).LocationsScreen,
);
export const SuppliersScreen = screen(
  async () => (await import('../catalog/SuppliersScreen.tsx')).SuppliersScreen,
);
export const StockScreen = screen(async () => (await import('../ledger/StockScreen.tsx')).StockScreen);
export const MovementScreen = screen(
  async () => (await import('../ledger/MovementScreen.tsx')).MovementScreen,
);
export const HistoryScreen = screen(async () => (await import('../ledger/HistoryScreen.tsx')).HistoryScreen);
export const ScannerSettingsPage = screen(
  async () => (await import('../scanning/ScannerSettings.tsx')).ScannerSettingsPage,
);
export const ImportScreen = screen(async () => (await import('../import/ImportScreen.tsx')).ImportScreen);
export const LabelsScreen = screen(async () => (await import('../labels/LabelsScreen.tsx')).LabelsScreen);
export const UsersScreen = screen(async () => (await import('../admin/UsersScreen.tsx')).UsersScreen);
export const SessionsScreen = screen(
  async () => (await import('../admin/SessionsScreen.tsx')).SessionsScreen,
);
export const AuditScreen = screen(async () => (await import('../audit/AuditScreen.tsx')).AuditScreen);
export const StocktakesScreen = screen(
  async () => (await import('../stocktake/StocktakesScreen.tsx')).StocktakesScreen,
);
export const ManagerScreen = screen(
  async () => (await import('../stocktake/ManagerScreen.tsx')).ManagerScreen,
);
export const CountScreen = screen(async () => (await import('../stocktake/CountScreen.tsx')).CountScreen);
export const PurchaseOrdersScreen = screen(
  async () => (await import('../purchasing/PurchaseOrdersScreen.tsx')).PurchaseOrdersScreen,
);
export const PurchaseOrderScreen = screen(
  async () => (await import('../purchasing/PurchaseOrderScreen.tsx')).PurchaseOrderScreen,
);
export const PurchaseOrderEditScreen = screen(
  async () => (await import('../purchasing/PurchaseOrderEditScreen.tsx')).PurchaseOrderEditScreen,
);
export const ReceiveScreen = screen(
  async () => (await import('../purchasing/ReceiveScreen.tsx')).ReceiveScreen,
);
export const SupplierScreen = screen(
  async () => (await import('../purchasing/SupplierScreen.tsx')).SupplierScreen,
);
export const DashboardScreen = screen(
  async () => (await import('../reports/DashboardScreen.tsx')).DashboardScreen,
);
export const ReportScreen = screen(async () => (await import('../reports/ReportScreen.tsx')).ReportScreen);
export const ReplenishmentScreen = screen(
  async () => (await import('../replenishment/ReplenishmentScreen.tsx')).ReplenishmentScreen,
);
export const LotsScreen = screen(async () => (await import('../lots/LotsScreen.tsx')).LotsScreen);
export const TraceScreen = screen(async () => (await import('../lots/TraceScreen.tsx')).TraceScreen);
export const ApprovalsScreen = screen(
  async () => (await import('../procedures/ApprovalsScreen.tsx')).ApprovalsScreen,
);
export const ProceduresScreen = screen(
  async () => (await import('../procedures/ProceduresScreen.tsx')).ProceduresScreen,
);
export const TrainingScreen = screen(
  async () => (await import('../training/TrainingScreen.tsx')).TrainingScreen,
);
export const MaintenanceRoutes = screen(
  async () => (await import('../maintenance/MaintenanceRoutes.tsx')).MaintenanceRoutes,
);
