import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { APP_CSS, APP_JS } from "./assets";
import type { DashboardContext } from "./context";
import { html, type Html } from "./html";
import { csrfField, layout } from "./layout";
import { budgetsPage } from "./pages/budgets";
import { deadLettersPage } from "./pages/dead-letters";
import { overviewPage } from "./pages/overview";
import { recordPage, searchPage } from "./pages/records";
import { runPage, runsPage } from "./pages/runs";
import { segmentPage, segmentsPage } from "./pages/segments";
import { systemsPage } from "./pages/systems";
import type { DashboardEnv, Guard } from "./security";
import { systemsOf } from "./context";

type C = Context<DashboardEnv>;

const letterQuery = z.object({
  flow: z.string().max(200).optional(), system: z.string().max(200).optional(), reason: z.string().max(200).optional(),
  status: z.enum(["open", "resolved", "all"]).catch("open"),
});
const actionForm = z.object({
  action: z.enum(["replay", "acknowledge"]).optional(),
  one: z.coerce.number().int().positive().optional(),
  id: z.union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive())]).optional(),
});
const idParam = z.coerce.number().int().positive();

/** Server-sent progress of a run: every half second until it is no longer running. */
const SSE_INTERVAL_MS = 500;

/** The dashboard's routes over a context and a guard. */
export function createDashboardApp(ctx: DashboardContext, guard: Guard): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const page = (c: C, title: string, content: Html, status: 200 | 404 = 200) => {
    const session = c.get("session");
    const notice = session.flash;
    session.flash = undefined;
    return c.html(layout({ title, path: c.req.path, state: ctx.store.location, notice, csrf: c.get("csrf") }, content).value, status);
  };
  app.get("/assets/app.css", (c) => c.body(APP_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }));
  app.get("/assets/app.js", (c) => c.body(APP_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.use("*", guard.middleware());
  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    if (!guard.tokenMatches(typeof form.token === "string" ? form.token : undefined)) return loginPage(c, "That token is not right.");
    c.get("session").authenticated = true;
    return c.redirect("/", 303);
  });
  app.use("*", async (c, next) => {
    if (guard.protected && !c.get("session").authenticated) return loginPage(c);
    await next();
  });
  app.get("/", async (c) => page(c, "Overview", await overviewPage(ctx)));
  app.get("/runs", async (c) => {
    const before = idParam.safeParse(c.req.query("before"));
    return page(c, "Runs", await runsPage(ctx, before.success ? before.data : undefined));
  });
  app.get("/runs/:id", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    const run = id.success ? await ctx.runs.run(id.data) : undefined;
    if (!run) return page(c, "Run not found", html`<p>No such run. <a href="/runs">All runs</a></p>`, 404);
    return page(c, `Run #${run.id}`, await runPage(ctx, run));
  });
  app.get("/runs/:id/events", (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.text("no such run", 404);
    return streamSSE(c, async (stream) => {
      const expected = await ctx.runs.expectedReads(id.data);
      let open = true;
      stream.onAbort(() => void (open = false));
      while (open) {
        const [run, progress] = await Promise.all([ctx.runs.run(id.data), ctx.runs.progress(id.data)]);
        const flows = progress.map((p) => ({ ...p, expected: expected[p.flow] ?? null }));
        await stream.writeSSE({ event: "progress", data: JSON.stringify({ at: new Date().toISOString(), flows }) });
        if (!run || run.status !== "running") {
          await stream.writeSSE({ event: "done", data: JSON.stringify({ status: run?.status ?? "unknown" }) });
          return;
        }
        await stream.sleep(SSE_INTERVAL_MS);
      }
    });
  });
  app.get("/dead-letters", async (c) => {
    const q = letterQuery.parse(c.req.query());
    return page(c, "Dead letters", await deadLettersPage(ctx, { ...q, limit: 200 }, c.get("csrf")));
  });
  app.post("/dead-letters/action", async (c) => {
    const form = actionForm.safeParse(await c.req.parseBody({ all: true }));
    const session = c.get("session");
    if (!form.success) session.flash = "Nothing done: the form was not understood.";
    else session.flash = await letterAction(ctx, form.data);
    return c.redirect(c.req.header("referer")?.startsWith(new URL(c.req.url).origin) ? c.req.header("referer")! : "/dead-letters", 303);
  });
  app.get("/records", async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 500);
    const matches = q ? await ctx.records.search(q, await systemsOf(ctx)) : [];
    if (matches.length === 1) return c.redirect(`/records/${encodeURIComponent(matches[0]!.entity)}/${encodeURIComponent(matches[0]!.key)}`, 303);
    return page(c, "Records", searchPage(q, matches));
  });
  app.get("/records/:entity/:key", async (c) => {
    const { entity, key } = c.req.param();
    const record = await ctx.records.record(entity, key, await systemsOf(ctx));
    if (!record) return page(c, "Record not found", html`${searchPage(key, [])}`, 404);
    return page(c, `${entity} ${key}`, recordPage(ctx, record, ctx.checks ? await ctx.checks.roles() : {}));
  });
  app.get("/segments", async (c) => page(c, "Segments", await segmentsPage(ctx)));
  app.get("/segments/:key", async (c) => {
    const content = await segmentPage(ctx, c.req.param("key"));
    return content ? page(c, `Segment ${c.req.param("key")}`, content) : page(c, "Segment not found", html`<p>No such segment. <a href="/segments">All segments</a></p>`, 404);
  });
  app.get("/budgets", async (c) => page(c, "Rate budgets", await budgetsPage(ctx)));
  app.get("/systems", async (c) => page(c, "Systems", await systemsPage(ctx, c.get("csrf"), false)));
  app.post("/systems/check", async (c) => {
    await ctx.checks?.results(true);
    c.get("session").flash = "Checked every system again.";
    return c.redirect("/systems", 303);
  });
  app.notFound((c) => c.html(layout({ title: "Not found", path: c.req.path, state: ctx.store.location }, html`<p>No such page.</p>`).value, 404));
  app.onError((error, c) => c.html(layout({ title: "Something went wrong", path: c.req.path, state: ctx.store.location },
    html`<p class="error-text">${error.message}</p>`).value, 500));
  return app;
}

let replaying: Promise<unknown> | undefined;

async function letterAction(ctx: DashboardContext, form: z.infer<typeof actionForm>): Promise<string> {
  const ids = form.one ? [form.one] : form.id === undefined ? [] : Array.isArray(form.id) ? form.id : [form.id];
  if (ids.length === 0) return "Nothing done: select at least one dead letter.";
  if (form.one || form.action === "replay") {
    if (!ctx.config) return "Replay needs the config.";
    if (replaying) return "A replay is already running; try again when it is done.";
    const running = ctx.replay(ids);
    replaying = running;
    try {
      const s = await running;
      return `Replayed ${ids.length} dead letter${ids.length === 1 ? "" : "s"}: ${s.resolved} resolved, ${s.stillOpen} still open${s.reread ? ` (re-read ${s.reread.flows.map((f) => f.flow).join(", ")} in full)` : ""}.`;
    } finally {
      replaying = undefined;
    }
  }
  await ctx.store.repos.deadLetters.resolve(ids, new Date().toISOString());
  return `Acknowledged ${ids.length} dead letter${ids.length === 1 ? "" : "s"} (closed without retrying).`;
}

function loginPage(c: C, problem?: string) {
  return c.html(layout({ title: "Sign in", path: "/login", state: "(hidden until signed in)", notice: problem, csrf: c.get("csrf") }, html`<form method="post" action="/login">${csrfField(c.get("csrf"))}
<p>This dashboard needs the access token it was started with (<code>OMNIBRIDGE_UI_TOKEN</code>).</p>
<div><label for="token">Access token</label><input id="token" name="token" type="password" autocomplete="current-password" required></div>
<div class="actions"><button type="submit">Sign in</button></div></form>`).value, 401);
}
