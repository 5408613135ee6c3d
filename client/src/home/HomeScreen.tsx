import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { homeKind } from '../app/navigation.ts';
import { canIssueParts, canPlanMaintenance } from '../maintenance/maintenance-permissions.ts';
import { useWorkOrderRooms } from '../maintenance/use-work-order.ts';
import { workOrderNumber } from '../maintenance/work-order-list.ts';
import { canReceiveGoods, purchasingYears } from '../purchasing/purchasing-permissions.ts';
import { orderNumber } from '../purchasing/status.ts';
import { roomsLoaded, useOrders, usePurchasingRoom } from '../purchasing/use-purchasing.ts';
import { DashboardScreen } from '../reports/DashboardScreen.tsx';
import { type Route, routeHref } from '../routing/route.ts';
import { FirstRunCard } from '../setup/FirstRunCard.tsx';
import { StocktakesScreen } from '../stocktake/StocktakesScreen.tsx';
import { myWorkOrders, ordersToReceive } from './home-view.ts';
import './home.css';

/*
 * `#/` and `#/home`: the first screen after login, built around the job the role comes to
 * do. Every tile is a link into the screen that does it, so the home itself changes nothing.
 */
export function HomeScreen() {
  const app = useApp();
  const kind = () => homeKind(app.session().user.role);
  return (
    <section class="screen home" data-testid="home-screen" data-home={kind()}>
      <Switch>
        <Match when={kind() === 'counter'}>
          <CounterHome />
        </Match>
        <Match when={kind() === 'clerk'}>
          <ClerkHome />
        </Match>
        <Match when={kind() === 'technician'}>
          <TechnicianHome />
        </Match>
        <Match when={kind() === 'manager'}>
          <DashboardScreen />
        </Match>
        <Match when={kind() === 'admin'}>
          <AdminHome />
        </Match>
      </Switch>
    </section>
  );
}

function Tile(props: { testid: string; label: string; route: Route; value?: JSX.Element; detail?: string }) {
  return (
    <a class="tile" href={routeHref(props.route)} data-testid={props.testid}>
      <span class="tile-label">{props.label}</span>
      <Show when={props.value !== undefined}>
        <strong class="tile-value" data-testid={`${props.testid}-value`}>
          {props.value}
        </strong>
      </Show>
      <Show when={props.detail}>
        <span class="muted">{props.detail}</span>
      </Show>
    </a>
  );
}

/** A counter's assigned stocktakes (the list says which to count next and opens its count). */
function CounterHome() {
  return (
    <>
      <div class="tiles compact" data-testid="home-tiles">
        <Tile testid="home-tile-stocktakes" label="My stocktakes" route={{ name: 'stocktakes' }} />
        <Tile testid="home-tile-items" label="Look up an item" route={{ name: 'items', q: '' }} />
      </div>
      <StocktakesScreen />
    </>
  );
}

/** Receive what is due, issue, move: a clerk's day at the counter of the stockroom. */
function ClerkHome() {
  const app = useApp();
  const role = () => app.session().user.role;
  const rooms = purchasingYears(role()).map((y) => usePurchasingRoom(app.ws, y));
  const orders = useOrders(rooms);
  const today = () => new Date().toISOString().slice(0, 10);
  const due = () => ordersToReceive(orders().values(), today());
  const receiveRoute = (id: string): Route =>
    canReceiveGoods(role()) ? { name: 'purchase-order-receive', id } : { name: 'purchase-order', id };
  return (
    <>
      <h1>Today</h1>
      <div class="tiles" data-testid="home-tiles">
        <Tile
          testid="home-tile-receive"
          label="Receive — orders due"
          route={{ name: 'purchase-orders', status: 'open', supplier: '' }}
          value={roomsLoaded(rooms) ? String(due().length) : '…'}
        />
        <Tile
          testid="home-tile-issue"
          label="Issue stock"
          route={{ name: 'move', type: 'issue', sku: '', location: '' }}
        />
        <Tile
          testid="home-tile-move"
          label="Move between bins"
          route={{ name: 'move', type: 'transfer', sku: '', location: '' }}
        />
        <Tile
          testid="home-tile-receive-free"
          label="Receive without an order"
          route={{ name: 'move', type: 'receive', sku: '', location: '' }}
        />
      </div>
      <h2>Due to arrive</h2>
      <Show
        when={due().length > 0}
        fallback={<p class="muted">No purchase order is due today or overdue.</p>}
      >
        <ul class="home-list" data-testid="home-due-orders">
          <For each={due()}>
            {(d) => (
              <li data-testid="home-due-order" data-id={d.order.id}>
                <a href={routeHref(receiveRoute(d.order.id))}>
                  {orderNumber(d.order)} · {d.order.supplier}
                </a>
                <span class="muted">{d.due ? ` due ${d.due}` : ' no date given'}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

/** A technician's jobs: their own first, each opening straight onto issuing parts. */
function TechnicianHome() {
  const app = useApp();
  const rooms = useWorkOrderRooms(app);
  const mine = () =>
    myWorkOrders(
      [...rooms.orders().values()].map((x) => x.order),
      app.session().user.username,
    );
  const role = () => app.session().user.role;
  const open = (id: string): Route =>
    canIssueParts(role()) && !canPlanMaintenance(role())
      ? { name: 'work-order-issue', id }
      : { name: 'work-order', id };
  return (
    <>
      <h1>My work orders</h1>
      <div class="tiles compact" data-testid="home-tiles">
        <Tile
          testid="home-tile-work-orders"
          label="Work orders"
          route={{ name: 'work-orders', filter: { status: 'active', priority: '', due: '', asset: '' } }}
          value={rooms.loaded() ? String(mine().length) : '…'}
        />
        <Tile testid="home-tile-assets" label="Assets" route={{ name: 'assets', q: '' }} />
        <Tile testid="home-tile-stock" label="Stock of parts" route={{ name: 'stock', by: 'item', q: '' }} />
      </div>
      <Show when={mine().length > 0} fallback={<p class="muted">No open work order is waiting for you.</p>}>
        <ul class="home-list" data-testid="home-work-orders">
          <For each={mine()}>
            {(o) => (
              <li data-testid="home-work-order" data-id={o.id}>
                <a href={routeHref(open(o.id))}>
                  {workOrderNumber(o)} · {o.title}
                </a>
                <span class="muted">
                  {` ${o.asset} · ${o.priority}`}
                  {o.due ? ` · due ${o.due}` : ''}
                  {o.assignee === null ? ' · not assigned' : ''}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

/**
 * The manager's dashboard, with the team and health above it (the health tile shows this
 * device's sync and opens the devices' sessions, where a device that stopped syncing shows).
 */
function AdminHome() {
  const app = useApp();
  return (
    <>
      <FirstRunCard />
      <div class="tiles compact" data-testid="home-tiles">
        <Tile testid="home-tile-users" label="Users and devices" route={{ name: 'admin-users' }} />
        <Tile testid="home-tile-audit" label="Audit trail" route={{ name: 'audit', user: '', subject: '' }} />
        <Tile
          testid="home-tile-health"
          label="Health: this device's sync · sessions"
          route={{ name: 'admin-sessions', user: '' }}
          value={app.sync().state}
          detail={app.sync().label}
        />
      </div>
      <DashboardScreen />
    </>
  );
}
