// The report of `sieve eval --html`: every evaluated configuration (each source alone, the
// retrieval blend, the full pipeline) side by side, from accuracy to popularity bias.

import { barsHeight, chartBox, lineConfig } from '../charts.js';
import { DASH, fmt, fmtAny, h } from '../dom.js';
import { renderJson } from '../json-view.js';
import {
  BLEND_COLOR,
  chartTitle,
  fmtGenerated,
  isNum,
  isObject,
  legendInOrder,
  num,
  pct,
  PIPELINE_COLOR,
  pointLabels,
  reportSection,
  ROW_PALETTE,
  valueLabels,
} from './common.js';

const TABLE_METRICS = ['NDCG', 'Recall', 'Precision', 'HitRate', 'Coverage', 'LongTail', 'Novelty'];

const isPipeline = (name) => /^pipeline/i.test(name);
const isBlend = (name) => !isPipeline(name) && /blend/i.test(name);

/** Each row's colour and line, the same in every chart: the pipeline dark and bold, the blend dashed. */
function rowStyles(rows) {
  let source = 0;
  return rows.map((row) => {
    if (isPipeline(row.name)) return { color: PIPELINE_COLOR, width: 3.5, dash: [], radius: 3, pipeline: true };
    if (isBlend(row.name)) return { color: BLEND_COLOR, width: 2.5, dash: [6, 4], radius: 2.5 };
    return { color: ROW_PALETTE[source++ % ROW_PALETTE.length], width: 2, dash: [], radius: 2.5 };
  });
}

const metric = (row, name, k) => num(row && row.metrics ? row.metrics[`${name}@${k}`] : null);
const fixed = (v, digits = 3) => (isNum(v) ? v.toFixed(digits) : DASH);

function lineDataset(row, style, data) {
  return {
    label: row.name,
    data,
    borderColor: style.color,
    backgroundColor: style.color,
    borderWidth: style.width,
    borderDash: style.dash,
    pointRadius: style.radius,
    pointHoverRadius: style.radius + 2,
    pointHitRadius: 6,
    tension: 0.15,
    spanGaps: true,
    order: style.pipeline ? 0 : 1,
  };
}

const percentTicks = (digits = 0) => ({ callback: (v) => pct(v, digits) });
/** A tick of a log axis of shares: 50%, 5%, 0.5%, 0.05%. */
const tickPct = (v) => {
  const p = v * 100;
  return `${p >= 1 ? p.toFixed(0) : Number(p.toPrecision(1))}%`;
};

export function renderEval(data, root) {
  const report = isObject(data.report) ? data.report : {};
  const rows = Array.isArray(report.rows) ? report.rows.filter((r) => r && typeof r.name === 'string') : [];
  const styles = rowStyles(rows);
  const ks = (Array.isArray(data.ks) && data.ks.filter(isNum).length ? data.ks.filter(isNum) : [1, 5, 10, 20, 50]).slice().sort((a, b) => a - b);
  const k = isNum(data.mainK) ? data.mainK : ks.includes(10) ? 10 : ks[ks.length - 1];

  root.append(header(data, report, rows, styles, k));
  if (!rows.length) {
    root.append(reportSection('No configuration was evaluated', 'The report holds no rows.'));
    return;
  }
  root.append(
    curvesSection(rows, styles, ks),
    coverageSection(rows, styles, k),
    popularitySection(data, rows, styles, k),
    calibrationSection(rows, styles),
    ...candidatesSection(report, rows, styles),
  );
}

function header(data, report, rows, styles, k) {
  const facts = [
    ['Dataset', report.dataset ? h('code', null, report.dataset) : DASH],
    ['Train events', fmt(report.trainEvents, 0)],
    ['Test users', fmt(report.testUsers, 0)],
    ['Catalog items', fmt(report.catalogItems, 0)],
    ['Time taken', isNum(report.seconds) ? `${fmt(report.seconds, 1)} s` : DASH],
  ];
  return h(
    'header',
    { class: 'report-header panel' },
    h('div', { class: 'report-kicker' }, 'Sieve · offline evaluation'),
    h('h1', null, data.title || 'Offline evaluation'),
    data.generatedAt ? h('div', { class: 'muted small' }, `Generated ${fmtGenerated(data.generatedAt)}`) : null,
    h('div', { class: 'facts' }, facts.map(([label, value]) => h('div', { class: 'fact' }, h('div', { class: 'card-label' }, label), h('div', { class: 'fact-value' }, value)))),
    report.protocol ? h('div', { class: 'protocol' }, h('span', { class: 'card-label' }, 'Protocol '), report.protocol) : null,
    rows.length
      ? [
          h('h2', { class: 'table-title' }, `Metrics at K = ${k}`),
          h(
            'p',
            { class: 'explain' },
            'Each row is one configuration scored on the same held-out users; higher is better in every column and the best value of each is in bold. The pipeline is what Sieve serves.',
          ),
          metricsTable(rows, styles, k),
        ]
      : null,
  );
}

function metricsTable(rows, styles, k) {
  const best = {};
  for (const m of TABLE_METRICS) {
    const values = rows.map((r) => metric(r, m, k)).filter(isNum);
    best[m] = values.length ? Math.max(...values) : null;
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table metrics-table' },
      h('thead', null, h('tr', null, h('th', null, 'configuration'), TABLE_METRICS.map((m) => h('th', { class: 'num' }, `${m}@${k}`)))),
      h(
        'tbody',
        null,
        rows.map((row, i) =>
          h(
            'tr',
            { class: styles[i].pipeline ? 'pipeline-row' : null },
            h('th', { class: 'rowkey' }, h('span', { class: 'swatch', style: { background: styles[i].color } }), row.name),
            TABLE_METRICS.map((m) => {
              const v = metric(row, m, k);
              const text = fixed(v, m === 'Novelty' ? 2 : 3);
              return h('td', { class: 'num' }, isNum(v) && v === best[m] && rows.length > 1 ? h('strong', null, text) : text);
            }),
          ),
        ),
      ),
    ),
  );
}

function metricAtKChart(name, rows, styles, ks) {
  const config = lineConfig({ yTitle: name, datasets: [] });
  config.data.labels = ks.map(String);
  config.data.datasets = rows.map((row, i) => lineDataset(row, styles[i], ks.map((k) => metric(row, name, k))));
  config.options.scales.x.title = { display: true, text: 'K (length of the list)' };
  config.options.scales.x.grid = { display: true, color: '#f3f4f6' };
  config.options.plugins.legend = { display: true, position: 'bottom', labels: { boxWidth: 18, boxHeight: 2, sort: legendInOrder } };
  config.options.plugins.tooltip = { callbacks: { title: (items) => `${name}@${items[0].label}`, label: (c) => ` ${c.dataset.label}: ${fixed(c.parsed.y, 4)}` } };
  return h('div', null, chartTitle(`${name}@K`), chartBox(config, { height: 300 }).box);
}

function curvesSection(rows, styles, ks) {
  return reportSection(
    'Metric@K curves per configuration',
    'How ranking quality (NDCG) and the share of relevant items found (Recall) grow as the list gets longer. A line above another is better at that length; lines that cross mean the better configuration depends on how many items are shown.',
    h('div', { class: 'grid-2' }, metricAtKChart('NDCG', rows, styles, ks), metricAtKChart('Recall', rows, styles, ks)),
  );
}

function coverageSection(rows, styles, k) {
  const points = rows
    .map((row, i) => ({ row, style: styles[i], x: metric(row, 'Coverage', k), y: metric(row, 'NDCG', k) }))
    .filter((p) => isNum(p.x) && isNum(p.y));
  const datasets = points.map(({ row, style, x, y }) => ({
    label: row.name,
    data: [{ x, y }],
    borderColor: style.color,
    backgroundColor: style.pipeline ? style.color : `${style.color}cc`,
    pointRadius: style.pipeline ? 9 : 7,
    pointHoverRadius: style.pipeline ? 11 : 9,
    pointStyle: style.pipeline ? 'rectRot' : 'circle',
    labelBold: style.pipeline,
  }));
  const config = {
    type: 'scatter',
    data: { datasets },
    plugins: [pointLabels],
    options: {
      layout: { padding: { right: 12, top: 8 } },
      scales: {
        x: { beginAtZero: true, grace: '8%', title: { display: true, text: `Coverage@${k}: share of the catalog ever recommended` }, ticks: percentTicks() },
        y: { beginAtZero: true, grace: '8%', title: { display: true, text: `NDCG@${k}` } },
      },
      plugins: {
        legend: { display: false },
        pointLabels: { display: true },
        tooltip: { callbacks: { label: (c) => ` ${c.dataset.label}: coverage ${pct(c.parsed.x)}, NDCG ${fixed(c.parsed.y, 4)}` } },
      },
    },
  };
  return reportSection(
    'Coverage against NDCG',
    `Accuracy against breadth at K = ${k}: up is more accurate, right recommends more of the catalog. The best trade-offs sit up and to the right; a point far left serves the same few items to everyone.`,
    points.length ? chartBox(config, { height: 360 }).box : h('div', { class: 'empty' }, `No configuration reports both Coverage@${k} and NDCG@${k}.`),
  );
}

function popularitySection(data, rows, styles, k) {
  const training = data.training && Array.isArray(data.training.popularityDeciles) ? data.training.popularityDeciles.map(num) : [];
  const withCurves = rows.map((row, i) => ({ row, style: styles[i] })).filter(({ row }) => row.curves && Array.isArray(row.curves.popularityDeciles));
  const n = Math.max(training.length, ...withCurves.map(({ row }) => row.curves.popularityDeciles.length), 0);
  const labels = Array.from({ length: n }, (_, i) => (i === 0 ? '1 (head)' : i === n - 1 ? `${n} (tail)` : String(i + 1)));
  const datasets = [];
  if (training.length) {
    datasets.push({
      type: 'bar',
      label: 'training interactions',
      data: training,
      backgroundColor: '#d1d5db',
      borderColor: '#9ca3af',
      borderWidth: 1,
      barPercentage: 0.9,
      categoryPercentage: 0.9,
      order: 10,
    });
  }
  for (const { row, style } of withCurves) {
    datasets.push({ ...lineDataset(row, style, row.curves.popularityDeciles.map(num)), type: 'line', tension: 0, pointRadius: style.radius + 0.5, clip: 8 });
  }
  // A log scale by default: the head holds half of everything, and on a linear axis the tail,
  // where the configurations differ most, is a flat line at zero. Zero (no slot at all in a
  // decile) sits on the axis floor.
  const positive = datasets.flatMap((d) => d.data).filter((v) => isNum(v) && v > 0);
  const floor = Math.max(1e-4, positive.length ? 10 ** Math.floor(Math.log10(Math.min(...positive) / 1.5)) : 0.001);
  const major = (v) => {
    const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
    return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6);
  };
  // Zero cannot be drawn on a log axis: there a decile without any slot sits on the floor.
  const onFloor = (v) => (isNum(v) && v <= 0 ? floor : v);
  for (const d of datasets) {
    d.shares = d.data;
    d.data = d.data.map(onFloor);
  }
  const logAxis = {
    type: 'logarithmic',
    min: floor,
    max: 1,
    title: { display: true, text: 'share (log scale)' },
    ticks: { autoSkip: false, callback: (v) => (major(v) ? tickPct(v) : '') },
    grid: { color: (c) => (c.tick && c.tick.label ? '#e5e7eb' : 'rgba(0,0,0,0)') },
  };
  const linearAxis = { type: 'linear', beginAtZero: true, min: 0, max: undefined, title: { display: true, text: 'share' }, ticks: percentTicks() };
  let decileChart = h('div', { class: 'empty' }, 'The report holds no popularity deciles.');
  if (n) {
    const { box, chart } = chartBox(
      {
        type: 'bar',
        data: { labels, datasets },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { title: { display: true, text: 'popularity decile of the catalog (1 = the most popular 10% of items)' }, grid: { display: false } },
            y: logAxis,
          },
          plugins: {
            legend: { display: true, position: 'bottom', labels: { boxWidth: 18, boxHeight: 8, sort: legendInOrder } },
            tooltip: {
              callbacks: {
                title: (items) => `decile ${items[0].dataIndex + 1}`,
                label: (c) => {
                  const v = c.dataset.shares[c.dataIndex];
                  return ` ${c.dataset.label}: ${pct(v, v > 0 && v < 0.001 ? 3 : undefined)}`;
                },
              },
            },
          },
        },
      },
      { height: 360 },
    );
    const buttons = [];
    const use = (log) => {
      chart.options.scales.y = log ? { ...logAxis } : { ...linearAxis };
      for (const d of chart.data.datasets) d.data = log ? d.shares.map(onFloor) : d.shares;
      chart.update();
      buttons.forEach((b, i) => b.classList.toggle('active', (i === 0) === log));
    };
    buttons.push(h('button', { type: 'button', class: 'toggle active', onclick: () => use(true) }, 'log scale'));
    buttons.push(h('button', { type: 'button', class: 'toggle', onclick: () => use(false) }, 'linear scale'));
    decileChart = h('div', null, h('div', { class: 'toggles' }, buttons), box);
  }

  const shareBars = (name, title, format, axisTitle, ticks) => {
    const present = rows.map((row, i) => ({ row, style: styles[i], v: metric(row, name, k) })).filter((p) => isNum(p.v));
    if (!present.length) return h('div', null, chartTitle(title), h('div', { class: 'empty' }, `No configuration reports ${name}@${k}.`));
    const config = {
      type: 'bar',
      data: {
        labels: present.map((p) => p.row.name),
        datasets: [{ label: `${name}@${k}`, data: present.map((p) => p.v), backgroundColor: present.map((p) => p.style.color), borderRadius: 3, barPercentage: 0.75 }],
      },
      plugins: [valueLabels],
      options: {
        indexAxis: 'y',
        layout: { padding: { right: 48 } },
        scales: {
          x: { beginAtZero: true, title: { display: true, text: axisTitle }, ticks },
          y: { grid: { display: false }, ticks: { autoSkip: false } },
        },
        plugins: { legend: { display: false }, valueLabels: { format: (v) => format(v) }, tooltip: { callbacks: { label: (c) => ` ${name}@${k}: ${format(c.parsed.x)}` } } },
      },
    };
    return h('div', null, chartTitle(title), chartBox(config, { height: barsHeight(present.length, { per: 30, extra: 60 }) }).box);
  };

  return reportSection(
    'Popularity bias and the long tail',
    `Bars: how the training interactions spread over the catalog, most popular tenth of the items first (the catalog's long tail). Lines: how each configuration's top-${k} slots spread over the same tenths. A line above the bars on the left recommends the head even more than people chose it; a line that stays up on the right reaches into the tail, one on the floor never does. Click a name in the legend to hide it.`,
    decileChart,
    h(
      'div',
      { class: 'grid-2 spaced' },
      shareBars('LongTail', `LongTail@${k}: share of slots outside the short head`, (v) => pct(v), 'share of recommended slots (higher reaches further into the tail)', percentTicks()),
      shareBars('Popularity', `Popularity@${k}: how popular a recommended item is`, (v) => pct(v), 'mean share of training users who chose it (lower is less popular)', percentTicks()),
    ),
  );
}

function calibrationSection(rows, styles) {
  const withCurves = rows.map((row, i) => ({ row, style: styles[i] })).filter(({ row }) => row.curves && Array.isArray(row.curves.hitRateByPosition) && row.curves.hitRateByPosition.length);
  if (!withCurves.length) {
    return reportSection('Calibration of the order', null, h('div', { class: 'empty' }, 'No configuration reports its hit rate by position.'));
  }
  const n = Math.max(...withCurves.map(({ row }) => row.curves.hitRateByPosition.length));
  const config = lineConfig({ yTitle: 'hit rate at the position', datasets: [] });
  config.data.labels = Array.from({ length: n }, (_, i) => String(i + 1));
  config.data.datasets = withCurves.map(({ row, style }) => ({ ...lineDataset(row, style, row.curves.hitRateByPosition.map(num)), pointRadius: n > 20 ? 0 : style.radius, tension: 0.25 }));
  config.options.scales.x.title = { display: true, text: 'position in the list' };
  config.options.scales.x.ticks = { maxTicksLimit: 26, autoSkip: true, maxRotation: 0 };
  config.options.scales.y.ticks = percentTicks();
  config.options.plugins.legend = { display: true, position: 'bottom', labels: { boxWidth: 18, boxHeight: 2, sort: legendInOrder } };
  config.options.plugins.tooltip = { callbacks: { title: (items) => `position ${items[0].label}`, label: (c) => ` ${c.dataset.label}: ${pct(c.parsed.y)}` } };
  return reportSection(
    'Calibration of the order',
    'Share of test users whose item at each position of the list is relevant. A well-ordered ranker puts its best items first, so its hit rate falls with the position; a flat curve means the order carries little information, and a curve that rises means good items are buried.',
    chartBox(config, { height: 320 }).box,
  );
}

function candidatesSection(report, rows, styles) {
  const recall = isObject(report.candidateRecall) ? Object.entries(report.candidateRecall).filter(([, v]) => isObject(v)) : [];
  const colorOf = (name) => {
    const i = rows.findIndex((r) => r.name === name);
    return i >= 0 ? styles[i].color : ROW_PALETTE[0];
  };
  const parts = [];
  if (recall.length) {
    const config = {
      type: 'bar',
      data: {
        labels: recall.map(([name, v]) => (isNum(v.quota) ? [name, `quota ${fmt(v.quota, 0)}`] : name)),
        datasets: [{ label: 'candidate recall', data: recall.map(([, v]) => num(v.recall)), backgroundColor: recall.map(([name]) => colorOf(name)), borderRadius: 3, barPercentage: 0.7 }],
      },
      plugins: [valueLabels],
      options: {
        indexAxis: 'y',
        layout: { padding: { right: 48 } },
        scales: {
          x: { beginAtZero: true, suggestedMax: 1, title: { display: true, text: 'share of the held-out relevant items in the candidate list' }, ticks: percentTicks() },
          y: { grid: { display: false }, ticks: { autoSkip: false } },
        },
        plugins: { legend: { display: false }, valueLabels: { format: (v) => pct(v) }, tooltip: { callbacks: { label: (c) => ` recall ${pct(c.parsed.x)}` } } },
      },
    };
    parts.push(
      reportSection(
        'Candidate recall per source',
        'Each source retrieves a quota of candidates for the ranker; this is the share of the held-out relevant items among them (after filters). No ranker can recommend an item no source retrieved, so this bounds what the pipeline can find.',
        chartBox(config, { height: barsHeight(recall.length, { per: 40, extra: 60 }) }).box,
      ),
    );
  }
  if (report.ranker != null) {
    const ranker = report.ranker;
    const served = isObject(ranker) && typeof ranker.served === 'boolean' ? ranker.served : null;
    parts.push(
      reportSection(
        'Learned ranker',
        'The ranker as trained on the evaluation’s training part: its out-of-fold validation, its trees and features, and whether it was served or withheld in favour of the blend.',
        served == null ? null : h('div', { class: `banner ${served ? 'ok' : 'warn'}` }, h('strong', null, served ? 'Ranker served. ' : 'Ranker withheld: the blend orders the lists. '), isObject(ranker) && ranker.decision ? String(ranker.decision) : ''),
        h('details', { class: 'ranker' }, h('summary', null, 'Show the ranker’s training report'), isObject(ranker) || Array.isArray(ranker) ? renderJson(ranker) : h('div', null, fmtAny(ranker))),
      ),
    );
  }
  return parts;
}

