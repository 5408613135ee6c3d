import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { createEffect, onCleanup, onMount } from 'solid-js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
);

export interface ChartSeries {
  label: string;
  /** One value per label; null leaves a gap (a forecast starts where the history ends). */
  data: (number | null)[];
  colour: string;
  dashed?: boolean;
  /** Drawn against the right-hand axis (a cumulative share, 0–100 %). */
  right?: boolean;
  type?: 'line' | 'bar';
}

/** A Chart.js chart updated in place (no animation: reports redraw as rooms sync). */
export function ReportChart(props: {
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  testid: string;
  label: string;
  yTitle?: string;
  small?: boolean;
}) {
  let canvas!: HTMLCanvasElement;
  let chart: Chart | undefined;

  onMount(() => {
    chart = new Chart(canvas, {
      type: props.type,
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            beginAtZero: true,
            ...(props.yTitle ? { title: { display: true, text: props.yTitle } } : {}),
          },
          ...(props.series.some((s) => s.right)
            ? { y1: { position: 'right' as const, min: 0, max: 100, grid: { drawOnChartArea: false } } }
            : {}),
        },
        plugins: { legend: { display: !props.small, position: 'bottom' } },
      },
    });
  });
  createEffect(() => {
    const labels = props.labels;
    const series = props.series;
    if (!chart) return;
    chart.data.labels = labels;
    chart.data.datasets = series.map((s) => ({
      type: s.type ?? props.type,
      label: s.label,
      data: s.data,
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderDash: s.dashed ? [6, 4] : [],
      yAxisID: s.right ? 'y1' : 'y',
      tension: 0.2,
      spanGaps: false,
      pointRadius: labels.length > 40 ? 0 : 2,
    })) as never;
    chart.update('none');
  });
  onCleanup(() => chart?.destroy());

  return (
    <div
      class={props.small ? 'report-chart small' : 'report-chart'}
      data-testid={props.testid}
      data-points={props.labels.length}
    >
      <canvas ref={canvas} aria-label={props.label} role="img" />
    </div>
  );
}
