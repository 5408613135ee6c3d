import type { AppContextValue } from '../app/app-context.ts';
import { downloadText } from '../ui/download.ts';
import { type DayRange, withParams } from './report-filters.ts';
import type { ReportName, ReportParams } from './report-routes.ts';

/*
 * The controls the report screens share: their filters live in the URL, so changing one
 * navigates to the report with the new parameters.
 */

/** Navigates to `report` with `params()` changed (empty values dropped, as withParams). */
export function paramSetter(
  app: Pick<AppContextValue, 'navigate'>,
  report: ReportName,
  params: () => ReportParams,
): (change: ReportParams) => void {
  return (change) => app.navigate({ name: 'report', report, params: withParams(params(), change) });
}

/** A report's From and To inputs (`<testid>-from`, `<testid>-to`): days, or months. */
export function RangeFields(props: {
  testid: string;
  type: 'date' | 'month';
  range: DayRange;
  onChange: (change: ReportParams) => void;
}) {
  const month = () => props.type === 'month';
  return (
    <>
      <label class="field">
        <span class="field-label">{month() ? 'From month' : 'From'}</span>
        <input
          type={props.type}
          data-testid={`${props.testid}-from`}
          value={props.range.from}
          onChange={(e) => props.onChange({ from: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span class="field-label">{month() ? 'To month' : 'To'}</span>
        <input
          type={props.type}
          data-testid={`${props.testid}-to`}
          value={props.range.to}
          onChange={(e) => props.onChange({ to: e.currentTarget.value })}
        />
      </label>
    </>
  );
}

/** A small button downloading a second CSV a report screen shows (the frame's button has the first). */
export function CsvButton(props: { testid: string; name: string; text: () => string; label: string }) {
  return (
    <button
      type="button"
      class="button small ghost"
      data-testid={props.testid}
      onClick={() => downloadText(props.name, props.text())}
    >
      {props.label}
    </button>
  );
}
