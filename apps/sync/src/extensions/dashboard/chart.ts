import { html, type Html } from "./html";

/** One bar: a label and its value (stacked parts when `parts` is given). */
export interface Bar {
  label: string;
  value: number;
  /** Shown on hover and in the data table (e.g. the run's time). */
  detail?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  id: string;
  title: string;
  /** What the numbers are (`records written`). */
  unit: string;
  bars: readonly Bar[];
  /** `danger` draws failures in the error colour. */
  tone?: "info" | "danger";
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 44, left: 48 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

/**
 * A small server-rendered SVG bar chart (no script, no library): columns with a y axis, labels
 * under each column, an accessible name, and the same numbers in a table below it.
 */
export function barChart(options: BarChartOptions): Html {
  const { bars } = options;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const every = Math.max(1, Math.ceil(bars.length / 12));
  const ticks = [0, 0.5, 1].map((f) => ({ y: PAD.top + plotH * (1 - f), label: Math.round(max * f) }));
  const columns = bars.map((bar, i) => {
    const h = (bar.value / max) * plotH;
    const x = PAD.left + slot * i + (slot - barW) / 2;
    const label = i % every === 0
      ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" class="chart-label">${bar.label}</text>`
      : "";
    return html`<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" class="bar bar-${options.tone ?? "info"}"><title>${bar.label}: ${bar.value} ${options.unit}${bar.detail ? ` (${bar.detail})` : ""}</title></rect>${label}`;
  });
  const axis = ticks.map((t) => html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${t.y}" y2="${t.y}" class="grid"/><text x="${PAD.left - 6}" y="${t.y + 4}" text-anchor="end" class="chart-label">${t.label}</text>`);
  return html`<figure class="chart" id="${options.id}">
<figcaption id="${options.id}-title">${options.title}</figcaption>
${bars.length === 0 ? html`<p class="muted">No data yet.</p>` : html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${options.id}-title" focusable="false">${axis}${columns}</svg>`}
<details><summary>${options.title}: the numbers</summary><table><thead><tr><th scope="col">${options.unit === "failures" ? "flow" : "run"}</th><th scope="col">${options.unit}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><td>${b.label}${b.detail ? ` (${b.detail})` : ""}</td><td class="num">${b.value}</td></tr>`)}</tbody></table></details>
</figure>`;
}
