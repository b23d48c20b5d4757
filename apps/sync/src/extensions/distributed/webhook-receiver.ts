import http from "node:http";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { verifyWebhook } from "../../compose/webhook-signatures";
import type { ResolvedConfig } from "../../config";
import type { RunJobData } from "./queues";
import { declaredTooLarge, deliveryTimestamp, exactText, firstDelivery, MAX_FUTURE_SKEW_MS, MAX_WEBHOOK_BODY, readBodyBytes } from "./webhook-delivery";

/** Options of {@link startWebhookReceiver}. */
export interface WebhookReceiverOptions {
  config: ResolvedConfig;
  queue: Queue<RunJobData>;
  redis: Redis;
  prefix: string;
  port: number;
  host?: string | undefined;
  /** Public base URL the vendor calls (HubSpot signs the full URI); default from the Host header. */
  publicUrl?: string | undefined;
  /** Secret of a system: its `settings.webhookSecret`, else `OMNIBRIDGE_WEBHOOK_SECRET_<SYSTEM>`. */
  secretOf?: ((system: string) => string | undefined) | undefined;
  log?: ((line: string) => void) | undefined;
}

/** Odoo models (automation webhooks send `_model`) and HubSpot subscription objects → canonical entities. */
const ENTITY_OF: Record<string, string> = {
  "stock.quant": "stockLevel", "product.pricelist.item": "price", "res.partner": "customer", "sale.order": "order",
  "product.product": "product", "product.template": "product", contact: "customer", company: "company", deal: "order",
};

const odooEventSchema = z.object({ entity: z.string().optional(), _model: z.string().optional() }).passthrough();
const hubSpotEventsSchema = z.array(z.object({ subscriptionType: z.string() }).passthrough()).max(1000);

/** Canonical entities an event is about (undefined: could be any). */
export function entitiesOf(adapter: string, body: unknown): Set<string> | undefined {
  if (adapter === "hubspot") {
    const events = hubSpotEventsSchema.safeParse(body);
    if (!events.success) return undefined;
    return new Set(events.data.map((e) => ENTITY_OF[e.subscriptionType.split(".")[0] ?? ""] ?? "").filter(Boolean));
  }
  const event = odooEventSchema.safeParse(body);
  if (!event.success) return undefined;
  const entity = event.data.entity ?? ENTITY_OF[event.data._model ?? ""];
  return entity ? new Set([entity]) : undefined;
}

/** Flows fed by a system's entities. */
export function affectedFlows(config: ResolvedConfig, system: string, entities: Set<string> | undefined): string[] {
  return config.flows.filter((f) => f.source.system === system && (!entities || entities.has(f.source.entity))).map((f) => f.name);
}

/**
 * Enqueue an incremental run of each flow unless one is already pending (a Redis marker set with
 * NX, cleared by the worker when the run starts): a burst of events makes one run, and an event
 * arriving while a run is under way makes exactly one more.
 */
export async function requestRuns(
  queue: Queue<RunJobData>,
  redis: Redis,
  prefix: string,
  flows: string[],
  reason: string,
): Promise<{ enqueued: string[]; coalesced: string[] }> {
  const out = { enqueued: [] as string[], coalesced: [] as string[] };
  for (const flow of flows) {
    const pendingKey = `${prefix}:pending-run:${flow}`;
    const jobId = `wh-${flow}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    if ((await redis.set(pendingKey, jobId, "PX", 600_000, "NX")) !== "OK") {
      out.coalesced.push(flow);
      continue;
    }
    await queue.add("run", { flows: [flow], full: false, reason, pendingKey }, { jobId, removeOnComplete: 100, removeOnFail: 100 });
    out.enqueued.push(flow);
  }
  return out;
}

/** `omnibridge webhooks`: POST /webhooks/<system> verifies the vendor's signature and enqueues runs of the affected flows. */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const log = options.log ?? (() => undefined);
  const server = http.createServer((req, res) => {
    void handle(options, req).then((answer) => {
      if (answer.status >= 400) log(`webhook ${req.method} ${req.url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      // A body left unread (413) is not drained: the connection closes instead.
      const close = answer.status === 413 ? { connection: "close" } : {};
      res.writeHead(answer.status, { "content-type": "application/json", ...close }).end(JSON.stringify(answer.body));
    }, (error: unknown) => {
      log(`webhook ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "internal error" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : options.port, close: () => new Promise((r) => server.close(() => r())) };
}

async function handle(options: WebhookReceiverOptions, req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  const match = /^\/webhooks\/([A-Za-z0-9._-]+)\/?(\?.*)?$/.exec(req.url ?? "");
  if (req.method !== "POST" || !match) return { status: 404, body: { error: "POST /webhooks/<system>" } };
  const system = match[1]!;
  // Own keys only: `/webhooks/__proto__` or `/webhooks/constructor` name no system.
  const entry = Object.hasOwn(options.config.systems, system) ? options.config.systems[system] : undefined;
  if (!entry) return { status: 404, body: { error: `unknown system "${system}"` } };
  if (declaredTooLarge(req.headers)) return { status: 413, body: { error: `body over ${MAX_WEBHOOK_BODY} bytes` } };
  const secret = options.secretOf?.(system) ?? (typeof entry.settings.webhookSecret === "string" ? entry.settings.webhookSecret : undefined)
    ?? process.env[`OMNIBRIDGE_WEBHOOK_SECRET_${system.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`];
  if (!secret) return { status: 503, body: { error: `no webhook secret configured for "${system}"` } };
  const bytes = await readBodyBytes(req);
  if (bytes === null) return { status: 413, body: { error: `body over ${MAX_WEBHOOK_BODY} bytes` } };
  const raw = exactText(bytes);
  if (raw === undefined) return { status: 400, body: { error: "body is not valid UTF-8" } };
  const timestamp = deliveryTimestamp(entry.adapter, req.headers);
  if (timestamp !== undefined && timestamp > Date.now() + MAX_FUTURE_SKEW_MS) return { status: 401, body: { error: "future_timestamp" } };
  const uri = `${options.publicUrl ?? `http://${req.headers.host ?? "127.0.0.1"}`}${req.url}`;
  const check = await verifyWebhook(entry.adapter, { method: req.method, uri, body: raw, headers: req.headers }, secret);
  if (!check.valid) return { status: 401, body: { error: check.reason } };
  const isFirst = await firstDelivery(options.redis, options.prefix, system, uri, timestamp, bytes);
  if (!isFirst) return { status: 200, body: { replayed: true, enqueued: [], coalesced: [] } };
  let body: unknown;
  try {
    body = raw ? (JSON.parse(raw) as unknown) : {};
  } catch {
    return { status: 400, body: { error: "body is not JSON" } };
  }
  const flows = affectedFlows(options.config, system, entitiesOf(entry.adapter, body));
  const result = await requestRuns(options.queue, options.redis, options.prefix, flows, `webhook ${system}`);
  return { status: 202, body: result };
}
