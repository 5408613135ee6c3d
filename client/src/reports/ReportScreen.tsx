import { Match, Switch } from 'solid-js';
import { AbcScreen } from './AbcScreen.tsx';
import { ConsumptionScreen } from './ConsumptionScreen.tsx';
import { CountAccuracyScreen } from './CountAccuracyScreen.tsx';
import { DeadStockScreen } from './DeadStockScreen.tsx';
import type { ReportName, ReportParams } from './report-routes.ts';
import { TurnoverScreen } from './TurnoverScreen.tsx';
import { ValuationScreen } from './ValuationScreen.tsx';

/** `#/reports/<name>`: one chunk for every report (they share Chart.js and the shared queries). */
export function ReportScreen(props: { report: ReportName; params: ReportParams }) {
  return (
    <Switch>
      <Match when={props.report === 'valuation'}>
        <ValuationScreen params={props.params} />
      </Match>
      <Match when={props.report === 'consumption'}>
        <ConsumptionScreen params={props.params} />
      </Match>
      <Match when={props.report === 'abc'}>
        <AbcScreen params={props.params} />
      </Match>
      <Match when={props.report === 'dead-stock'}>
        <DeadStockScreen params={props.params} />
      </Match>
      <Match when={props.report === 'turnover'}>
        <TurnoverScreen params={props.params} />
      </Match>
      <Match when={props.report === 'count-accuracy'}>
        <CountAccuracyScreen />
      </Match>
    </Switch>
  );
}
