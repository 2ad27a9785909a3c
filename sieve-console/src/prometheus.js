// A parser for the Prometheus text exposition format (version 0.0.4) and the arithmetic the
// overview needs on it: sums over labels, rates between two scrapes, histogram quantiles.

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseNumber(token) {
  switch (token) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return token === '' ? NaN : Number(token);
  }
}

/** One sample line: `name{label="value",...} value [timestamp]`, or null when malformed. */
export function parseLine(line) {
  const nameMatch = NAME.exec(line);
  if (!nameMatch) return null;
  const name = nameMatch[0];
  let i = name.length;
  const labels = {};
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const labelMatch = LABEL_NAME.exec(line.slice(i));
      if (!labelMatch) return null;
      i += labelMatch[0].length;
      while (line[i] === ' ') i++;
      if (line[i] !== '=') return null;
      i++;
      while (line[i] === ' ') i++;
      if (line[i] !== '"') return null;
      i++;
      let value = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) return null;
        if (c === '\\') {
          const next = line[i + 1];
          value += next === 'n' ? '\n' : next;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      labels[labelMatch[0]] = value;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  const value = parseNumber(rest[0] || '');
  if (Number.isNaN(value) && rest[0] !== 'NaN') return null;
  return { name, labels, value };
}

/** All samples of a scrape, grouped by metric name. Comments and bad lines are skipped. */
export function parse(text) {
  const byName = new Map();
  for (const raw of String(text).split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const sample = parseLine(line);
    if (!sample) continue;
    let list = byName.get(sample.name);
    if (!list) byName.set(sample.name, (list = []));
    list.push(sample);
  }
  return byName;
}

// `where` is either {label: value} to match exactly or a predicate on the labels.
const matches = (labels, where) =>
  !where || (typeof where === 'function' ? where(labels) : Object.entries(where).every(([k, v]) => labels[k] === v));

/** One scrape, with the time it was taken (ms), for computing rates against the next. */
export class Scrape {
  constructor(text, time = Date.now()) {
    this.samples = parse(text);
    this.time = time;
    // A scrape is read again as the "previous" one at the next poll; its histograms are kept.
    this.histograms = new Map();
  }

  has(name) {
    return this.samples.has(name);
  }

  series(name, where) {
    return (this.samples.get(name) || []).filter((s) => matches(s.labels, where));
  }

  /** The sum over every label set; null when the metric is absent (so the page can say "—"). */
  total(name, where) {
    const list = this.series(name, where);
    return list.length ? list.reduce((acc, s) => acc + s.value, 0) : null;
  }

  /** Sums grouped by the values of `labels`, keyed by those values joined with a tab. */
  by(name, labels, where) {
    const out = new Map();
    for (const s of this.series(name, where)) {
      const key = labels.map((l) => s.labels[l] ?? '').join('\t');
      out.set(key, (out.get(key) || 0) + s.value);
    }
    return out;
  }

  /**
   * The cumulative buckets of histogram `base` (without `_bucket`), summed over every label
   * but those of `groupBy` (a label or a list of them, whose values key the map joined with a
   * tab), as Map(group -> [{le, count}] sorted by le). Cached when `where` is a plain object.
   */
  histogram(base, groupBy, where) {
    const groupLabels = groupBy == null ? [] : [].concat(groupBy);
    const cacheKey = typeof where === 'function' ? null : JSON.stringify([base, groupLabels, where || null]);
    if (cacheKey && this.histograms.has(cacheKey)) return this.histograms.get(cacheKey);
    const groups = new Map();
    for (const s of this.series(`${base}_bucket`, where)) {
      const le = parseNumber(s.labels.le);
      if (Number.isNaN(le)) continue;
      const key = groupLabels.map((l) => s.labels[l] ?? '').join('\t');
      let byLe = groups.get(key);
      if (!byLe) groups.set(key, (byLe = new Map()));
      byLe.set(le, (byLe.get(le) || 0) + s.value);
    }
    const out = new Map();
    for (const [key, byLe] of groups) {
      out.set(key, [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le));
    }
    if (cacheKey) this.histograms.set(cacheKey, out);
    return out;
  }
}

/** Per-second increase of a counter between two scrapes; a reset counts from zero. */
export function rate(current, previous, seconds) {
  if (current == null || previous == null || !(seconds > 0)) return null;
  const increase = current >= previous ? current - previous : current;
  return increase / seconds;
}

/** The observations made between two scrapes of the same histogram, or null after a reset. */
export function bucketDelta(current, previous) {
  if (!current || !previous) return null;
  const before = new Map(previous.map((b) => [b.le, b.count]));
  const out = [];
  for (const b of current) {
    const diff = b.count - (before.get(b.le) ?? 0);
    if (diff < 0) return null;
    out.push({ le: b.le, count: diff });
  }
  return out;
}

/** Observations counted by cumulative buckets: the +Inf bucket's count. */
export function bucketTotal(buckets) {
  if (!buckets || !buckets.length) return 0;
  return buckets[buckets.length - 1].count;
}

/**
 * The q-quantile of cumulative buckets, interpolated linearly inside the bucket it falls in,
 * as Prometheus' histogram_quantile does; null with no observations. A quantile in the +Inf
 * bucket is reported as the highest finite bound, the most the buckets can tell.
 */
export function quantile(q, buckets) {
  if (!buckets || !buckets.length) return null;
  const total = bucketTotal(buckets);
  if (!(total > 0)) return null;
  const rank = q * total;
  let i = buckets.findIndex((b) => b.count >= rank);
  if (i < 0) i = buckets.length - 1;
  const bucket = buckets[i];
  const lower = i === 0 ? 0 : buckets[i - 1].le;
  const lowerCount = i === 0 ? 0 : buckets[i - 1].count;
  if (bucket.le === Infinity) return i === 0 ? null : lower;
  if (i === 0 && bucket.le <= 0) return bucket.le;
  const inBucket = bucket.count - lowerCount;
  if (inBucket <= 0) return bucket.le;
  return lower + ((bucket.le - lower) * (rank - lowerCount)) / inBucket;
}
