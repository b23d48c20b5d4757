/** The dashboard's stylesheet (served as /assets/app.css; no inline styles, so the CSP forbids them). */
export const APP_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa; --link: #0850a8;
  --ok: #116329; --bad: #a40e26; --info: #0850a8; --focus: #bf4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
header { border-bottom: 1px solid var(--line); background: var(--soft); padding: .5rem 1rem; }
.brand { margin: 0 0 .25rem; font-weight: 600; }
.brand a { color: var(--fg); text-decoration: none; }
.state { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: .5rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; color: var(--fg); }
main { padding: 1rem; max-width: 1200px; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
label.inline { display: inline; color: var(--fg); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem; border: 1px solid currentColor; }
.badge-ok { color: var(--ok); } .badge-bad { color: var(--bad); } .badge-info { color: var(--info); }
.notice { border-left: 4px solid var(--info); background: var(--soft); padding: .5rem .75rem; }
.error-text { color: var(--bad); }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-bottom: .75rem; }
label { display: block; font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; padding: .25rem .5rem; border: 1px solid #6e7781; border-radius: 4px; background: var(--bg); color: var(--fg); }
button { background: #0850a8; color: #ffffff; border-color: #0850a8; cursor: pointer; }
button.secondary { background: var(--bg); color: #0850a8; }
.actions { display: flex; gap: .5rem; margin: .5rem 0; }
pre { background: var(--soft); padding: .5rem; overflow: auto; max-height: 20rem; font-size: .8rem; white-space: pre-wrap; word-break: break-word; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin-bottom: 1rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.card .n { font-size: 1.4rem; font-weight: 600; display: block; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { width: 100%; height: auto; }
.bar-info { fill: #0850a8; } .bar-danger { fill: #a40e26; }
.grid { stroke: #d0d7de; stroke-width: 1; }
.chart-label { font-size: 11px; fill: #1b1f24; }
progress { width: 8rem; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; }
`;

/**
 * Progressive enhancement (the pages work without it): live progress of a running run over
 * server-sent events, "select all" for dead letters. Served as /assets/app.js (CSP: script-src 'self').
 */
export const APP_JS = `
(function () {
  "use strict";
  var live = document.querySelector("[data-live-run]");
  if (live && window.EventSource) {
    var source = new EventSource("/runs/" + live.getAttribute("data-live-run") + "/events");
    source.addEventListener("progress", function (event) {
      var data = JSON.parse(event.data);
      data.flows.forEach(function (flow) {
        var row = live.querySelector('tr[data-flow="' + CSS.escape(flow.flow) + '"]');
        if (!row) return;
        ["pages", "read", "changed", "written", "skipped", "failed"].forEach(function (field) {
          var cell = row.querySelector('[data-field="' + field + '"]');
          if (cell) cell.textContent = String(flow[field]);
        });
        var state = row.querySelector('[data-field="status"]');
        if (state && state.textContent === "waiting") state.textContent = "running";
        var bar = row.querySelector("progress");
        if (bar && flow.expected) { bar.max = flow.expected; bar.value = Math.min(flow.read, flow.expected); }
      });
      var status = document.getElementById("live-status");
      if (status) status.textContent = "Updated " + data.at.replace("T", " ").replace(/\\.\\d+Z$/, "") + " (live)";
    });
    source.addEventListener("done", function () {
      source.close();
      window.location.reload();
    });
  }
  var all = document.getElementById("select-all");
  var wrap = document.getElementById("select-all-wrap");
  if (all && wrap) {
    wrap.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name="id"]').forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
`;
