// Builds the self-contained report page the way the Java CLI does (`sieve eval --html`,
// `sieve experiment report --html`), from the built report.{js,css} and one sample:
//
//   npm run build && node report-samples/render.mjs report-samples/eval.json [/tmp/sieve-report-eval.html]

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'console-report');
const sample = process.argv[2] || join(dirname(fileURLToPath(import.meta.url)), 'eval.json');
const out = process.argv[3] || `/tmp/sieve-report-${basename(sample, '.json')}.html`;

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const data = JSON.parse(readFileSync(sample, 'utf8'));
const json = JSON.stringify(data).replaceAll('</', '<\\/');
const css = readFileSync(join(built, 'report.css'), 'utf8');
const js = readFileSync(join(built, 'report.js'), 'utf8');

const html =
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(data.title || 'Sieve report')}</title><style>${css}</style></head>\n` +
  `<body><div id="sieve-report"></div>\n` +
  `<script type="application/json" id="sieve-report-data">${json}</script>\n` +
  `<script>${js}</script></body></html>\n`;
writeFileSync(out, html);
console.log(`${out} (${html.length} bytes)`);
