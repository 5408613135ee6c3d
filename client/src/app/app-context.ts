import type { Actor } from '@stockroom/shared/actor';
import type { Item } from '@stockroom/shared/catalog/item';
import type { StockFold } from '@stockroom/shared/ledger/stock';
import { type Accessor, createContext, useContext } from 'solid-js';
import type { Route } from '../routing/route.ts';
import type { ApiClient } from '../session/api-client.ts';
import type { Session } from '../session/session.ts';
import type { SyncSummary } from '../sync/sync-summary.ts';
import type { Workspace } from '../sync/workspace.ts';
import type { Live } from './live.ts';

export interface AppContextValue extends Live {
  ws: Workspace;
  session: Accessor<Session>;
  deviceId: string;
  actor: () => Actor;
  /**
   * Every item, sorted by SKU; recomputed when the catalog changes. Items are validated
   * lazily at start: reading this before `itemsReady` validates all of them at once.
   */
  items: Accessor<Item[]>;
  /** True once every item is validated (shortly after the first paint). */
  itemsReady: Accessor<boolean>;
  /** Until `itemsReady`: the first valid items in SKU order, for the items list's first screen. */
  firstItems: Accessor<Item[]>;
  /** Stock on hand now (opening balances + this month's movements). */
  stock: Accessor<StockFold>;
  sync: Accessor<SyncSummary>;
  route: Accessor<Route>;
  navigate: (route: Route) => void;
  /** Replaces the current history entry (search boxes), without re-rendering the screen. */
  replaceRoute: (route: Route) => void;
  notify: (message: string) => void;
  canEditCatalog: Accessor<boolean>;
  canRecord: Accessor<boolean>;
  /** The server API with this session's (refreshed) token: for the online-only screens. */
  api: ApiClient;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside the app shell');
  return ctx;
}
