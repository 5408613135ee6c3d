import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { createEffect, onCleanup, onMount } from 'solid-js';
import type { PaceSeries } from './manager-view.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const COLOURS = ['#1f4e79', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#2c3e50', '#b7950b'];

function localMinute(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Scans per minute per counter (Chart.js line chart), updated in place as counts arrive. */
export function PaceChart(props: { data: PaceSeries }) {
  let canvas!: HTMLCanvasElement;
  let chart: Chart<'line'> | undefined;

  onMount(() => {
    chart = new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'scans / min' }, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  });
  createEffect(() => {
    const d = props.data;
    if (!chart) return;
    chart.data.labels = d.minutes.map(localMinute);
    chart.data.datasets = d.series.map((s, i) => ({
      label: s.user,
      data: s.scans,
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
      tension: 0.25,
      pointRadius: d.minutes.length > 30 ? 0 : 2,
    }));
    chart.update('none');
  });
  onCleanup(() => chart?.destroy());

  return (
    <div class="pace-chart" data-testid="stocktake-pace-chart" data-minutes={props.data.minutes.length}>
      <canvas ref={canvas} aria-label="Scans per minute per counter" role="img" />
    </div>
  );
}
