import { Match, Switch } from 'solid-js';
import { AssetScreen } from './AssetScreen.tsx';
import { AssetsScreen } from './AssetsScreen.tsx';
import { CriticalSparesScreen } from './CriticalSparesScreen.tsx';
import { IssueScreen } from './IssueScreen.tsx';
import type { MaintenanceRoute } from './maintenance-routes.ts';
import { SchedulesScreen } from './SchedulesScreen.tsx';
import { WorkOrderScreen } from './WorkOrderScreen.tsx';
import { WorkOrdersScreen } from './WorkOrdersScreen.tsx';

/** Every maintenance screen, one chunk: the shell hands over any maintenance route. */
export function MaintenanceRoutes(props: { route: MaintenanceRoute }) {
  const pick = <N extends MaintenanceRoute['name']>(name: N) => {
    const r = props.route;
    return r.name === name ? (r as Extract<MaintenanceRoute, { name: N }>) : null;
  };
  return (
    <Switch>
      <Match when={pick('assets')}>{(r) => <AssetsScreen q={r().q} />}</Match>
      <Match when={pick('asset')?.code} keyed>
        {(code) => <AssetScreen code={code} />}
      </Match>
      <Match when={pick('work-orders')}>{(r) => <WorkOrdersScreen filter={r().filter} />}</Match>
      <Match when={pick('work-order')?.id} keyed>
        {(id) => <WorkOrderScreen id={id} />}
      </Match>
      <Match when={pick('work-order-issue')?.id} keyed>
        {(id) => <IssueScreen id={id} />}
      </Match>
      <Match when={pick('schedules')}>
        <SchedulesScreen />
      </Match>
      <Match when={pick('critical-spares')}>
        <CriticalSparesScreen />
      </Match>
    </Switch>
  );
}
