// Shared pieces of the static report: sections with a line on how to read them, the colours
// of the evaluated rows, and two tiny Chart.js plugins (labels drawn on the chart, a zero
// line), so the page reads the same printed or as a screenshot as it does with a mouse.

import { Chart, LogarithmicScale, ScatterController } from 'chart.js';
import { COLORS } from '../charts.js';
import { DASH, fmtAny, h } from '../dom.js';

Chart.register(ScatterController, LogarithmicScale);

/** Legend entries in the order of the datasets, whatever order they are drawn in. */
export const legendInOrder = (a, b) => a.datasetIndex - b.datasetIndex;

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
/** A number from JSON, or null: Jackson writes NaN and Infinity as strings, and a metric may be missing. */
export const num = (v) => (isNum(v) ? v : null);
export const isObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v);

export const ROW_PALETTE = [COLORS.blue, COLORS.amber, COLORS.teal, COLORS.purple, '#db2777', '#0891b2', '#65a30d', '#78716c', COLORS.red];
export const PIPELINE_COLOR = '#111827';
export const BLEND_COLOR = '#6b7280';

/** A section of the report: its heading, one line on how to read it, then the content. */
export function reportSection(title, explain, ...children) {
  return h('section', { class: 'panel report-section' }, h('h2', null, title), explain ? h('p', { class: 'explain' }, explain) : null, ...children);
}

export function chartTitle(text) {
  return h('h3', { class: 'chart-title' }, text);
}

/** A percentage with sensible precision for shares from 0.001 to 1. */
export function pct(ratio, digits) {
  if (!isNum(ratio)) return DASH;
  const d = digits ?? (Math.abs(ratio) < 0.01 && ratio !== 0 ? 2 : 1);
  return `${(ratio * 100).toFixed(d)}%`;
}

export function signedPct(ratio, digits = 1) {
  if (!isNum(ratio)) return DASH;
  return `${ratio > 0 ? '+' : ''}${(ratio * 100).toFixed(digits)}%`;
}

export function signed(n) {
  if (!isNum(n)) return DASH;
  return `${n > 0 ? '+' : ''}${fmtAny(n)}`;
}

/** An ISO instant as the report was generated, in UTC, to the minute. */
export function fmtGenerated(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Text drawn on the chart next to each bar's end or point: `options.plugins.valueLabels =
 * {format(value, datasetIndex, index), datasets: [indices] (all when absent), color}`.
 */
export const valueLabels = {
  id: 'valueLabels',
  afterDatasetsDraw(chart, _args, opts) {
    if (!opts || !opts.format) return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = `11px ${Chart.defaults.font.family}`;
    ctx.fillStyle = opts.color || '#374151';
    chart.data.datasets.forEach((ds, di) => {
      if (opts.datasets && !opts.datasets.includes(di)) return;
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      meta.data.forEach((el, i) => {
        const raw = ds.data[i];
        if (raw == null) return;
        const text = opts.format(raw, di, i);
        if (!text) return;
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, Math.max(el.x, el.base ?? el.x) + 5, el.y);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(text, el.x, Math.min(el.y, el.base ?? el.y) - 3);
        }
      });
    });
    ctx.restore();
  },
};

/** The dataset's label beside each point of a scatter: `options.plugins.pointLabels = {display: true}`. */
export const pointLabels = {
  id: 'pointLabels',
  afterDatasetsDraw(chart, _args, opts) {
    if (!opts || !opts.display) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((ds, di) => {
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      meta.data.forEach((el) => {
        ctx.font = `${ds.labelBold ? '600 ' : ''}12px ${Chart.defaults.font.family}`;
        const width = ctx.measureText(ds.label).width;
        // Right of the point, unless that runs off the chart.
        const right = el.x + 10 + width <= chartArea.right;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.fillStyle = ds.borderColor || '#374151';
        ctx.fillText(ds.label, right ? el.x + 10 : el.x - 10, el.y + (ds.labelOffset || 0));
      });
    });
    ctx.restore();
  },
};

/** A vertical line at x = 0 (or horizontal at y = 0 with `axis: 'y'`): `options.plugins.zeroLine = {axis}`. */
export const zeroLine = {
  id: 'zeroLine',
  beforeDatasetsDraw(chart, _args, opts) {
    if (!opts || !opts.axis) return;
    const scale = chart.scales[opts.axis];
    if (!scale || scale.min > 0 || scale.max < 0) return;
    const { ctx, chartArea } = chart;
    const at = scale.getPixelForValue(0);
    ctx.save();
    ctx.strokeStyle = '#374151';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    if (opts.axis === 'x') {
      ctx.moveTo(at, chartArea.top);
      ctx.lineTo(at, chartArea.bottom);
    } else {
      ctx.moveTo(chartArea.left, at);
      ctx.lineTo(chartArea.right, at);
    }
    ctx.stroke();
    ctx.restore();
  },
};

/** Axis limits that hold every value and zero, with a little room either side. */
export function boundsWithZero(values, { pad = 0.08 } = {}) {
  const finite = values.filter(isNum);
  let min = Math.min(0, ...finite);
  let max = Math.max(0, ...finite);
  if (min === max) max = min + 1;
  const room = (max - min) * pad;
  return { min: min - room, max: max + room };
}

/** Bounds for values that need not include zero (an interval of a rate), padded. */
export function bounds(values, { pad = 0.12 } = {}) {
  const finite = values.filter(isNum);
  if (!finite.length) return {};
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const room = (max - min) * pad;
  return { min: min - room, max: max + room };
}
