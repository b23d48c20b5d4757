import { html, type Html, type HtmlPart } from "./html";

/** The pages in the navigation, by path. */
export const NAV = [
  ["/", "Overview"], ["/runs", "Runs"], ["/dead-letters", "Dead letters"], ["/records", "Records"],
  ["/segments", "Segments"], ["/budgets", "Rate budgets"], ["/systems", "Systems"],
] as const;

/** What every page gets besides its content. */
export interface PageFrame {
  title: string;
  /** The current path (its navigation entry is marked). */
  path: string;
  /** A state description for the header (never credentials). */
  state: string;
  /** A message after an action (our own text). */
  notice?: string | undefined;
  /** The session's CSRF token (for scripts that post; forms carry it too). */
  csrf?: string | undefined;
}

/** The page shell: skip link, header with navigation, main landmark. */
export function layout(frame: PageFrame, content: HtmlPart): Html {
  const current = (href: string) => (href === "/" ? frame.path === "/" : frame.path.startsWith(href));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · omnibridge</title>
${frame.csrf ? html`<meta name="csrf-token" content="${frame.csrf}">` : ""}
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<p class="brand"><a href="/">omnibridge</a> <span class="state">state: ${frame.state}</span></p>
<nav aria-label="Main"><ul>${NAV.map(([href, label]) => html`<li><a href="${href}"${current(href) ? html` aria-current="page"` : ""}>${label}</a></li>`)}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>${frame.title}</h1>
${frame.notice ? html`<p class="notice" role="status">${frame.notice}</p>` : ""}
${content}
</main>
</body>
</html>`;
}

/** A hidden CSRF field for a form. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A status as a badge (text, not colour alone). */
export function badge(status: string): Html {
  const tone = ["ok", "resolved", "dry-run"].includes(status) ? "ok" : status === "running" ? "info" : "bad";
  return html`<span class="badge badge-${tone}">${status}</span>`;
}
