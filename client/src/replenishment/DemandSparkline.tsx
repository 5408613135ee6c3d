/**
 * A line of weekly demand beside a suggestion: enough to see steady, rising or lumpy use at a
 * glance without opening the consumption report. Scaled to its own maximum.
 */
export function DemandSparkline(props: { weeks: readonly number[]; label: string }) {
  const W = 80;
  const H = 20;
  const points = () => {
    const max = Math.max(...props.weeks, 0);
    const step = props.weeks.length > 1 ? W / (props.weeks.length - 1) : 0;
    return props.weeks
      .map((q, i) => `${(i * step).toFixed(1)},${(max > 0 ? H - 1 - (q / max) * (H - 2) : H - 1).toFixed(1)}`)
      .join(' ');
  };
  return (
    <svg
      class="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={props.label}
      data-testid="replenishment-sparkline"
      data-weeks={props.weeks.join(',')}
    >
      <polyline points={points()} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
