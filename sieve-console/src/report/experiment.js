// The report of `sieve experiment report --html`: whether the split can be trusted first, then
// each variant's estimates with their intervals, each comparison's lift against zero, and the
// guardrails. An interleaving experiment gets its preference and wins instead.

import { barsHeight, chartBox, COLORS } from '../charts.js';
import { badge, DASH, fmt, fmtAny, h } from '../dom.js';
import { renderJson } from '../json-view.js';
import { bounds, boundsWithZero, chartTitle, fmtGenerated, isNum, isObject, num, pct, reportSection, signed, signedPct, valueLabels, zeroLine } from './common.js';

const VARIANT_METRICS = [
  ['ctr', 'CTR', 'clicks per served list'],
  ['conversionRate', 'Conversion rate', 'conversions per served list'],
  ['engagementPerUser', 'Engagement per user', 'positive events per user after exposure'],
  ['valuePerUser', 'Value per user', 'summed conversion value per user after exposure'],
];
const COMPARISON_METRICS = {
  ctr: 'CTR',
  conversion: 'conversion rate',
  engagement: 'engagement per user',
  value: 'value per user',
  negativeRate: 'negative feedback per list',
};
const GUARDRAILS = [
  ['p99LatencyMs', 'p99 latency', (v) => (isNum(v) ? `${fmt(v, 1)} ms` : DASH), 'lower'],
  ['fallbackRate', 'fallback rate', (v) => pct(v, 2), 'lower'],
  ['negativeFeedbackRate', 'negative feedback per list', (v) => pct(v, 2), 'lower'],
  ['coverage', 'coverage', (v) => pct(v, 1), 'higher'],
  ['diversity', 'diversity', (v) => fixed(v, 3), 'higher'],
];
const HANDLED = new Set(['name', 'layer', 'control', 'trustworthy', 'variants', 'comparisons', 'srm', 'analysis', 'interleaving']);
const VARIANT_PALETTE = [COLORS.blue, COLORS.amber, COLORS.teal, COLORS.purple, '#db2777', '#0891b2', '#65a30d'];
const CONTROL_COLOR = '#6b7280';
const VERDICT_COLORS = { better: COLORS.green, worse: COLORS.red, none: '#9ca3af' };

const signed3 = (v) => (isNum(v) ? signed(Number(v.toPrecision(3))) : DASH);
const fixed = (v, digits = 4) => (isNum(v) ? v.toFixed(digits) : DASH);
const estimateParts = (e) => (isObject(e) ? { value: num(e.value), low: num(e.ci && e.ci[0]), high: num(e.ci && e.ci[1]) } : { value: null, low: null, high: null });
const interval = (low, high, format = fmtAny) => (isNum(low) || isNum(high) ? `[${format(low)}, ${format(high)}]` : '');

function estimateCell(e, format = fmtAny) {
  const { value, low, high } = estimateParts(e);
  if (value == null && low == null) return DASH;
  return h('span', { class: 'estimate' }, h('span', { class: 'point' }, format(value)), h('span', { class: 'ci' }, ` ${interval(low, high, format)}`));
}

function verdictOf(c) {
  if (!c.significant) return 'none';
  return c.better ? 'better' : 'worse';
}

function verdictBadge(c) {
  const v = verdictOf(c);
  if (v === 'better') return badge('better', 'ok');
  if (v === 'worse') return badge('worse', 'bad');
  return badge('not significant', 'neutral');
}

function variantColors(names, control) {
  const colors = {};
  let i = 0;
  for (const name of names) colors[name] = name === control ? CONTROL_COLOR : VARIANT_PALETTE[i++ % VARIANT_PALETTE.length];
  return colors;
}

export function renderExperiment(data, root) {
  const r = isObject(data.results) ? data.results : {};
  const names = isObject(r.variants) ? Object.keys(r.variants) : [];
  const colors = variantColors(names.length ? names : Object.keys((r.interleaving && r.interleaving.userWins) || {}), r.control);
  root.append(header(data, r));
  if (isObject(r.interleaving)) {
    root.append(interleavingSection(r, colors));
  }
  if (names.length) {
    root.append(variantsSection(r, names, colors), estimatesSection(r, names, colors));
  }
  if (Array.isArray(r.comparisons) && r.comparisons.length) {
    root.append(liftSection(r), comparisonsSection(r));
  }
  if (isObject(r.srm)) root.append(srmSection(r.srm, colors));
  if (names.length && names.some((n) => isObject(r.variants[n].guardrails))) root.append(guardrailsSection(r, names, colors));
  const rest = Object.entries(r).filter(([k]) => !HANDLED.has(k));
  if (rest.length) root.append(reportSection('Other fields', 'Reported by the server but not drawn above.', renderJson(Object.fromEntries(rest))));
}

function header(data, r) {
  const a = isObject(r.analysis) ? r.analysis : null;
  const settings = a
    ? [
        isNum(a.alpha) ? `α = ${fmtAny(a.alpha)}` : null,
        a.correction ? `${a.correction} correction across comparisons` : null,
        typeof a.sequential === 'boolean' ? (a.sequential ? 'always-valid (sequential) intervals decide' : 'fixed-horizon intervals decide') : null,
        typeof a.cuped === 'boolean' ? (a.cuped ? `CUPED on${isNum(a.cupedDays) ? ` (${fmtAny(a.cupedDays)} days before exposure)` : ''}` : 'CUPED off') : null,
      ].filter(Boolean)
    : [];
  let trust = null;
  const srm = isObject(r.srm) ? r.srm : null;
  if (r.trustworthy === false) {
    trust = h(
      'div',
      { class: 'banner bad trust', testid: 'trust-banner' },
      h('strong', null, 'Sample ratio mismatch: no lift here can be believed.'),
      h('div', null, `Users did not split across the variants as the weights promise${srm && isNum(srm.pValue) ? ` (SRM check p = ${fmtAny(srm.pValue)})` : ''}: the assignment or the logging is broken, so every comparison below is biased. Find the cause before reading on.`),
    );
  } else if (srm) {
    trust = h('div', { class: 'banner ok trust', testid: 'trust-banner' }, h('strong', null, 'Sample ratio check passed'), isNum(srm.pValue) ? ` (p = ${fmtAny(srm.pValue)}): users split as the weights promise.` : '.');
  }
  const facts = [
    ['Experiment', r.name ? h('code', null, r.name) : DASH],
    ['Layer', r.layer ? h('code', null, r.layer) : DASH],
    ['Control', r.control ? h('code', null, r.control) : DASH],
    ['Type', isObject(r.interleaving) ? 'interleaving' : 'A/B split'],
  ];
  return h(
    'header',
    { class: 'report-header panel' },
    h('div', { class: 'report-kicker' }, 'Sieve · experiment report'),
    h('h1', null, data.title || `Experiment ${r.name || ''}`),
    data.generatedAt ? h('div', { class: 'muted small' }, `Generated ${fmtGenerated(data.generatedAt)}`) : null,
    h('div', { class: 'facts' }, facts.map(([label, value]) => h('div', { class: 'fact' }, h('div', { class: 'card-label' }, label), h('div', { class: 'fact-value' }, value)))),
    settings.length ? h('div', { class: 'protocol' }, h('span', { class: 'card-label' }, 'Analysis '), settings.join(' · ')) : null,
    trust,
    headline(r),
  );
}

function headline(r) {
  if (!Array.isArray(r.comparisons) || !r.comparisons.length) return null;
  const better = r.comparisons.filter((c) => verdictOf(c) === 'better');
  const worse = r.comparisons.filter((c) => verdictOf(c) === 'worse');
  const name = (c) => `${c.variant} ${COMPARISON_METRICS[c.metric] || c.metric}`;
  return h(
    'div',
    { class: 'headline' },
    `${r.comparisons.length} comparison${r.comparisons.length === 1 ? '' : 's'} against the control: `,
    better.length ? [badge(`${better.length} better`, 'ok'), ` ${better.map(name).join(', ')}; `] : null,
    worse.length ? [badge(`${worse.length} worse`, 'bad'), ` ${worse.map(name).join(', ')}; `] : null,
    `${r.comparisons.length - better.length - worse.length} without a significant difference.`,
  );
}

function variantsSection(r, names, colors) {
  const rows = names.map((n) => [n, r.variants[n] || {}]);
  const num0 = (v) => fmt(v, 0);
  return reportSection(
    'Variants',
    'What each variant’s users were served and did. Impressions are served lists; CTR and conversion rate are per served list, with their 95% interval in grey.',
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          null,
          h('tr', null, h('th', null, 'variant'), ['users', 'impressions', 'clicks', 'conversions'].map((c) => h('th', { class: 'num' }, c)), h('th', null, 'CTR [95% CI]'), h('th', null, 'conversion rate [95% CI]')),
        ),
        h(
          'tbody',
          null,
          rows.map(([n, v]) =>
            h(
              'tr',
              null,
              h('th', { class: 'rowkey' }, h('span', { class: 'swatch', style: { background: colors[n] } }), n, n === r.control ? badge('control', 'neutral') : null),
              ['users', 'impressions', 'clicks', 'conversions'].map((c) => h('td', { class: 'num' }, num0(v[c]))),
              h('td', { class: 'nowrap' }, estimateCell(v.ctr, (x) => pct(x, 2))),
              h('td', { class: 'nowrap' }, estimateCell(v.conversionRate, (x) => pct(x, 2))),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A horizontal interval plot: one row per label, a floating bar [low, high] and a dot at the value. */
function intervalChart({ labels, intervals, values, colors, pointColors, xTitle, xBounds, tickFormat, includeZero, tooltip, tickFont }) {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: '95% interval',
          data: intervals,
          backgroundColor: colors.map((c) => `${c}55`),
          borderColor: colors,
          borderWidth: 1.5,
          borderSkipped: false,
          borderRadius: 3,
          barPercentage: 0.55,
          categoryPercentage: 1,
          order: 2,
        },
        {
          type: 'line',
          label: 'estimate',
          data: values,
          indexAxis: 'y',
          showLine: false,
          pointRadius: 5.5,
          pointHoverRadius: 7,
          pointBackgroundColor: pointColors || colors,
          pointBorderColor: '#fff',
          pointBorderWidth: 1.5,
          order: 1,
        },
      ],
    },
    plugins: includeZero ? [zeroLine] : [],
    options: {
      indexAxis: 'y',
      interaction: { mode: 'index', intersect: false, axis: 'y' },
      scales: {
        // Suggested, not fixed, bounds: the axis rounds them out to readable ticks.
        x: { beginAtZero: false, suggestedMin: xBounds.min, suggestedMax: xBounds.max, title: { display: Boolean(xTitle), text: xTitle }, ticks: { callback: tickFormat, maxTicksLimit: 6, maxRotation: 0, autoSkip: true } },
        y: { grid: { display: false }, ticks: { autoSkip: false, font: tickFont || { size: 12 } } },
      },
      plugins: {
        legend: { display: false },
        zeroLine: includeZero ? { axis: 'x' } : undefined,
        tooltip: tooltip ? { callbacks: { label: tooltip } } : undefined,
      },
    },
  };
}

function estimatesSection(r, names, colors) {
  const charts = [];
  for (const [key, title, what] of VARIANT_METRICS) {
    const present = names.filter((n) => isObject(r.variants[n]) && isObject(r.variants[n][key]));
    if (!present.length) continue;
    const parts = present.map((n) => estimateParts(r.variants[n][key]));
    const isRate = key === 'ctr' || key === 'conversionRate';
    const format = isRate ? (v) => pct(v, 2) : (v) => fmtAny(v);
    const config = intervalChart({
      labels: present.map((n, i) => [n, `${format(parts[i].value)} ${interval(parts[i].low, parts[i].high, format)}`]),
      intervals: parts.map((p) => (isNum(p.low) && isNum(p.high) ? [p.low, p.high] : null)),
      values: parts.map((p) => p.value),
      colors: present.map((n) => colors[n]),
      xTitle: what,
      xBounds: bounds(parts.flatMap((p) => [p.low, p.high, p.value])),
      tickFormat: isRate ? (v) => pct(v, 1) : (v) => fmtAny(v),
      tooltip: (c) => (c.datasetIndex === 0 ? ` 95% interval ${interval(parts[c.dataIndex].low, parts[c.dataIndex].high, format)}` : ` estimate ${format(c.parsed.x)}`),
    });
    charts.push(h('div', null, chartTitle(title), chartBox(config, { height: barsHeight(present.length, { per: 52, min: 150, extra: 56 }) }).box));
  }
  if (!charts.length) return reportSection('Estimates per variant', null, h('div', { class: 'empty' }, 'No variant reports an estimate.'));
  return reportSection(
    'Estimates per variant',
    'Each variant’s estimate (dot) with its 95% interval (bar). Intervals that overlap a lot mean the data cannot yet tell the variants apart on that metric; the tests against the control below say so precisely.',
    h('div', { class: 'grid-2' }, charts),
  );
}

function liftChart(c, sequential) {
  const verdict = verdictOf(c);
  const color = VERDICT_COLORS[verdict];
  const lift = estimateParts(c.lift);
  const seq = Array.isArray(c.sequentialCi) ? { low: num(c.sequentialCi[0]), high: num(c.sequentialCi[1]) } : null;
  const rows = [];
  rows.push({ label: 'fixed 95%', low: lift.low, high: lift.high, decides: sequential === false });
  if (seq) rows.push({ label: 'always-valid', low: seq.low, high: seq.high, decides: sequential === true });
  const unbounded = rows.filter((row) => !isNum(row.low) || !isNum(row.high));
  const metricName = COMPARISON_METRICS[c.metric] || c.metric;
  const config = intervalChart({
    labels: rows.map((row) => [row.label, interval(row.low, row.high, signed3) || 'unbounded']),
    intervals: rows.map((row) => (isNum(row.low) && isNum(row.high) ? [row.low, row.high] : null)),
    values: rows.map(() => lift.value),
    colors: rows.map((row) => (row.decides || rows.length === 1 ? color : `${color}99`)),
    pointColors: rows.map(() => (verdict === 'none' ? '#4b5563' : color)),
    xTitle: 'treatment − control',
    xBounds: boundsWithZero(rows.flatMap((row) => [row.low, row.high, lift.value]), { pad: 0.04 }),
    tickFormat: (v) => signed(Number(v.toPrecision(3))),
    includeZero: true,
    // The interval significance is judged by, in bold.
    tickFont: (ctx) => ({ size: 12, weight: rows[ctx.index] && rows[ctx.index].decides ? 'bold' : 'normal' }),
    tooltip: (ctx) => (ctx.datasetIndex === 0 ? ` ${rows[ctx.dataIndex].label}: ${interval(rows[ctx.dataIndex].low, rows[ctx.dataIndex].high, signed)}` : ` lift ${signed(ctx.parsed.x)}`),
  });
  const rel = estimateParts(c.relativeLift);
  return h(
    'div',
    { class: `lift-card verdict-${verdict}` },
    h('div', { class: 'lift-head' }, h('strong', null, metricName), verdictBadge(c)),
    h(
      'div',
      { class: 'lift-sub' },
      rel.value != null ? [h('strong', null, signedPct(rel.value)), ` relative ${interval(rel.low, rel.high, (v) => signedPct(v))}`] : `lift ${signed(lift.value)}`,
      isNum(c.adjustedPValue) ? ` · adjusted p = ${fmtAny(c.adjustedPValue)}` : '',
    ),
    chartBox(config, { height: rows.length * 44 + 58 }).box,
    unbounded.length ? h('div', { class: 'muted small' }, `${unbounded.map((row) => row.label).join(', ')}: unbounded so far.`) : null,
  );
}

function liftSection(r) {
  const sequential = isObject(r.analysis) && typeof r.analysis.sequential === 'boolean' ? r.analysis.sequential : null;
  const byVariant = new Map();
  for (const c of r.comparisons) {
    if (!isObject(c)) continue;
    const key = `${c.variant} against ${c.against || r.control}`;
    if (!byVariant.has(key)) byVariant.set(key, []);
    byVariant.get(key).push(c);
  }
  return reportSection(
    'Lift against the control',
    `Each comparison’s lift (treatment minus control, dot) with its fixed-horizon 95% interval and its always-valid interval, which stays valid however often the results are looked at; the interval in bold is the one significance is judged by${sequential == null ? '' : ` (${sequential ? 'always-valid' : 'fixed'} here)`}, and the dashed line is zero. Green: significantly better; red: significantly worse; grey: no significant difference.`,
    r.trustworthy === false ? h('div', { class: 'banner bad' }, h('strong', null, 'Sample ratio mismatch: '), 'these lifts are shown for diagnosis only.') : null,
    [...byVariant].map(([title, list]) => h('div', { class: 'lift-group' }, h('h3', null, title), h('div', { class: 'grid-3' }, list.map((c) => liftChart(c, sequential))))),
  );
}

function comparisonsSection(r) {
  const alpha = isObject(r.analysis) && isNum(r.analysis.alpha) ? r.analysis.alpha : 0.05;
  const p = (v) => (isNum(v) ? (v < alpha ? h('strong', null, fmtAny(v)) : fmtAny(v)) : DASH);
  const cols = [
    ['variant'],
    ['metric'],
    ['lift [95% CI]', null, 'treatment minus control, with the fixed-horizon and the always-valid interval'],
    ['relative lift [95% CI]', null, 'the lift over the control’s value'],
    ['p', 'num', 'Welch’s two-sided p-value, fixed horizon'],
    ['sequential p', 'num', 'the always-valid p-value'],
    ['adjusted p', 'num', 'the p-value significance is judged by, adjusted across comparisons'],
    ['CUPED', 'num', 'share of the lift’s variance CUPED removed'],
    ['verdict'],
  ];
  return reportSection(
    'Comparisons',
    `Every metric of every treatment against the control. Adjusted p is the one significance is judged by (α = ${fmtAny(alpha)}), corrected for the number of comparisons; p-values below α are in bold. CUPED is the share of the lift’s variance removed by adjusting for each user’s activity before the experiment.`,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table comparisons' },
        h('thead', null, h('tr', null, cols.map(([label, cls, title]) => h('th', { class: cls, title }, label)))),
        h(
          'tbody',
          null,
          r.comparisons.filter(isObject).map((c) => {
            const lift = estimateParts(c.lift);
            const seq = Array.isArray(c.sequentialCi) ? interval(num(c.sequentialCi[0]), num(c.sequentialCi[1]), signed) : null;
            return h(
              'tr',
              { class: `verdict-${verdictOf(c)}` },
              h('th', { class: 'rowkey' }, c.variant || DASH, c.against && c.against !== r.control ? h('span', { class: 'muted' }, ` vs ${c.against}`) : null),
              h('td', { class: 'nowrap' }, COMPARISON_METRICS[c.metric] || c.metric || DASH),
              h(
                'td',
                { class: 'nowrap' },
                h('span', { class: 'estimate' }, h('span', { class: 'point' }, signed(lift.value)), h('span', { class: 'ci' }, ` ${interval(lift.low, lift.high, signed)}`)),
                seq ? h('div', { class: 'muted small' }, `always-valid ${seq}`) : null,
              ),
              h('td', { class: 'nowrap' }, isObject(c.relativeLift) ? estimateCell(c.relativeLift, (v) => signedPct(v)) : h('span', { class: 'muted' }, 'n/a (control at 0)')),
              h('td', { class: 'num' }, p(c.pValue)),
              h('td', { class: 'num' }, p(c.sequentialPValue)),
              h('td', { class: 'num' }, p(c.adjustedPValue)),
              h('td', { class: 'num' }, pct(c.cupedVarianceReduction, 0)),
              h('td', { class: 'nowrap' }, verdictBadge(c)),
            );
          }),
        ),
      ),
    ),
  );
}

function srmSection(srm, colors) {
  const users = isObject(srm.users) ? srm.users : {};
  const expected = isObject(srm.expectedShares) ? srm.expectedShares : {};
  const names = [...new Set([...Object.keys(users), ...Object.keys(expected)])];
  const total = Object.values(users).filter(isNum).reduce((a, b) => a + b, 0);
  const observed = (n) => (total > 0 && isNum(users[n]) ? users[n] / total : null);
  const chart = names.length
    ? chartBox(
        {
          type: 'bar',
          data: {
            labels: names,
            datasets: [
              { label: 'observed share of users', data: names.map(observed), backgroundColor: names.map((n) => colors[n] || COLORS.blue), borderRadius: 3 },
              { label: 'expected from the weights', data: names.map((n) => num(expected[n])), backgroundColor: '#e5e7eb', borderColor: '#9ca3af', borderWidth: 1, borderRadius: 3 },
            ],
          },
          plugins: [valueLabels],
          options: {
            indexAxis: 'y',
            layout: { padding: { right: 48 } },
            scales: { x: { beginAtZero: true, ticks: { callback: (v) => pct(v, 0) } }, y: { grid: { display: false } } },
            plugins: {
              legend: { display: true, position: 'bottom', labels: { boxWidth: 14 } },
              valueLabels: { format: (v) => pct(v, 1) },
              tooltip: { callbacks: { label: (c) => ` ${c.dataset.label}: ${pct(c.parsed.x, 2)}` } },
            },
          },
        },
        { height: barsHeight(names.length * 2, { per: 22, min: 160, extra: 70 }) },
      ).box
    : null;
  return reportSection(
    'Sample ratio check (SRM)',
    'Users per variant against the shares the weights promise, tested with a chi-squared test. A small p-value means the split itself is broken (assignment, bots, logging), which biases every comparison.',
    h(
      'div',
      { class: 'grid-2' },
      h(
        'div',
        null,
        h('div', { class: 'srm-verdict' }, srm.ok === false ? badge('mismatch', 'bad') : srm.ok === true ? badge('ok', 'ok') : null, isNum(srm.pValue) ? ` p = ${fmtAny(srm.pValue)}` : ''),
        h(
          'table',
          { class: 'table' },
          h('thead', null, h('tr', null, h('th', null, 'variant'), ['users', 'observed share', 'expected share', 'difference'].map((c) => h('th', { class: 'num' }, c)))),
          h(
            'tbody',
            null,
            names.map((n) => {
              const o = observed(n);
              const e = num(expected[n]);
              return h(
                'tr',
                null,
                h('th', { class: 'rowkey' }, h('span', { class: 'swatch', style: { background: colors[n] || COLORS.blue } }), n),
                h('td', { class: 'num' }, fmt(users[n], 0)),
                h('td', { class: 'num' }, pct(o, 2)),
                h('td', { class: 'num' }, pct(e, 2)),
                h('td', { class: 'num' }, isNum(o) && isNum(e) ? `${o - e >= 0 ? '+' : ''}${((o - e) * 100).toFixed(2)} pt` : DASH),
              );
            }),
          ),
        ),
      ),
      chart,
    ),
  );
}

function guardrailsSection(r, names, colors) {
  const control = isObject(r.variants[r.control]) ? r.variants[r.control].guardrails : null;
  const delta = (key, v, direction) => {
    const base = control ? num(control[key]) : null;
    if (!isNum(v) || !isNum(base) || base === 0) return null;
    const rel = v / base - 1;
    if (Math.abs(rel) < 0.0005) return null;
    const worse = direction === 'lower' ? rel > 0 : rel < 0;
    return h('span', { class: `delta ${Math.abs(rel) >= 0.1 ? (worse ? 'worse' : 'better') : ''}` }, ` ${signedPct(rel, 0)}`);
  };
  return reportSection(
    'Guardrails per variant',
    'What each variant served, beyond clicks: tail latency, lists served with a source or stage fallen back, negative feedback, and the breadth of what was shown. The small figure is the change against the control, in colour when it moves by 10% or more (red the wrong way).',
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          null,
          h('tr', null, h('th', { rowspan: 2 }, 'variant'), h('th', { colspan: 3, class: 'group' }, 'serving (lower is better)'), h('th', { colspan: 2, class: 'group' }, 'breadth (higher is broader)')),
          h('tr', null, GUARDRAILS.map(([, label]) => h('th', { class: 'num' }, label))),
        ),
        h(
          'tbody',
          null,
          names.map((n) => {
            const g = isObject(r.variants[n].guardrails) ? r.variants[n].guardrails : {};
            return h(
              'tr',
              null,
              h('th', { class: 'rowkey' }, h('span', { class: 'swatch', style: { background: colors[n] } }), n, n === r.control ? badge('control', 'neutral') : null),
              GUARDRAILS.map(([key, , format, direction]) => h('td', { class: 'num' }, format(num(g[key])), n === r.control ? null : delta(key, num(g[key]), direction))),
            );
          }),
        ),
      ),
    ),
  );
}

function interleavingSection(r, colors) {
  const i = r.interleaving;
  const pref = estimateParts(i.preference);
  const teams = [...new Set([...Object.keys(i.listWins || {}), ...Object.keys(i.userWins || {})])];
  const verdict = i.significant
    ? h('div', { class: 'banner ok' }, h('strong', null, `${i.winner || 'One variant'} is preferred`), isNum(i.pValue) ? ` (sign test p = ${fmtAny(i.pValue)}).` : '.')
    : h('div', { class: 'banner warn' }, h('strong', null, 'No significant preference yet'), isNum(i.pValue) ? ` (sign test p = ${fmtAny(i.pValue)}).` : '.');
  const second = teams.length === 2 ? teams.find((t) => t !== r.control) || teams[1] : null;
  const parts = [
    verdict,
    pref.value != null
      ? h(
          'p',
          null,
          `Preference${second ? ` for ${second} over ${r.control}` : ''}: `,
          h('strong', null, signed(pref.value)),
          ` ${interval(pref.low, pref.high, signed)}, on a scale from −1 (every user with a preference prefers the first) to +1 (the second).`,
        )
      : null,
  ];
  const datasets = [];
  if (isObject(i.listWins)) datasets.push({ label: 'lists won', data: teams.map((t) => num(i.listWins[t])), backgroundColor: teams.map((t) => colors[t] || COLORS.blue), borderRadius: 3 });
  if (isObject(i.userWins)) datasets.push({ label: 'users preferring', data: teams.map((t) => num(i.userWins[t])), backgroundColor: teams.map((t) => `${colors[t] || COLORS.blue}88`), borderRadius: 3 });
  const wins = datasets.map((ds) =>
    h(
      'div',
      null,
      chartTitle(ds.label === 'lists won' ? 'Lists won by each variant' : 'Users preferring each variant'),
      chartBox(
        {
          type: 'bar',
          data: { labels: teams, datasets: [ds] },
          plugins: [valueLabels],
          options: {
            indexAxis: 'y',
            layout: { padding: { right: 56 } },
            scales: { x: { beginAtZero: true }, y: { grid: { display: false } } },
            plugins: { legend: { display: false }, valueLabels: { format: (v) => fmt(v, 0) } },
          },
        },
        { height: barsHeight(teams.length, { per: 40, extra: 50 }) },
      ).box,
    ),
  );
  return reportSection(
    'Interleaving',
    'Both variants’ lists were interleaved in one list per request; each click is credited to the variant that contributed the item. A list is won by the variant with more credited clicks, a user prefers the variant that won more of their lists, and a sign test over the users with a preference decides.',
    parts,
    wins.length ? h('div', { class: 'grid-2 spaced' }, wins) : null,
    h('h3', null, 'All fields'),
    renderJson(i),
  );
}
