// Chart.js, with only the pieces the console draws registered, so the bundle stays small.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { h } from './dom.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#374151';
// Charts are redrawn on every scrape; animating each update makes them flicker.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export const COLORS = {
  blue: '#2563eb',
  teal: '#0d9488',
  amber: '#d97706',
  red: '#dc2626',
  green: '#16a34a',
  gray: '#9ca3af',
  purple: '#7c3aed',
};
export const SERIES = [COLORS.blue, COLORS.amber, COLORS.teal, COLORS.purple, COLORS.red, COLORS.green];

/**
 * A canvas in a box of fixed height (Chart.js sizes itself to its parent), and the chart on
 * it. The chart is destroyed through `onCleanup` when the page is left.
 */
export function chartBox(config, { height = 240, testid, onCleanup } = {}) {
  const canvas = h('canvas');
  const box = h('div', { class: 'chart', testid, style: { height: `${height}px` } }, canvas);
  const chart = new Chart(canvas, config);
  if (onCleanup) onCleanup(() => chart.destroy());
  return { box, chart };
}

export function lineConfig({ yTitle, datasets }) {
  return {
    type: 'line',
    data: {
      labels: [],
      datasets: datasets.map((d, i) => ({
        label: d.label,
        data: [],
        borderColor: d.color || SERIES[i % SERIES.length],
        backgroundColor: d.color || SERIES[i % SERIES.length],
        borderWidth: 2,
        pointRadius: 2,
        pointHitRadius: 6,
        tension: 0.2,
        spanGaps: true,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { maxTicksLimit: 8, autoSkip: true, maxRotation: 0 }, grid: { display: false } },
        y: { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle } },
      },
      plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
    },
  };
}

export function barConfig({ labels, datasets, horizontal = false, valueTitle, stacked = false }) {
  const valueAxis = horizontal ? 'x' : 'y';
  const categoryAxis = horizontal ? 'y' : 'x';
  return {
    type: 'bar',
    data: { labels, datasets },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      scales: {
        [valueAxis]: { beginAtZero: true, stacked, title: { display: Boolean(valueTitle), text: valueTitle } },
        [categoryAxis]: { stacked, grid: { display: false }, ticks: { autoSkip: false } },
      },
      plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
    },
  };
}

/** Height for a horizontal bar chart of `n` bars: readable labels without a wall of empty space. */
export function barsHeight(n, { per = 22, min = 140, extra = 70 } = {}) {
  return Math.max(min, n * per + extra);
}
