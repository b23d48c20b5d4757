import { createHmac } from "node:crypto";
import http from "node:http";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signSharedSecret } from "../../src/compose/webhook-signatures";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { resolveConfig } from "../../src/config";
import { runsQueue } from "../../src/extensions/distributed/queues";
import { startWebhookReceiver } from "../../src/extensions/distributed/webhook-receiver";
import { dropPrefix, freshPrefix, REDIS_URL } from "./support";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

const SECRETS: Record<string, string> = { hubspot: "hubspot-client-secret", odoo: "erp-shared-secret" };
const config = resolveConfig({
  systems: { odoo: { adapter: "odoo", settings: {} }, hubspot: { adapter: "hubspot", settings: {} } },
  flows: [
    { name: "shop-stock", source: { system: "odoo", entity: "stockLevel" }, targets: [] },
    { name: "crm-customers", source: { system: "hubspot", entity: "customer" }, targets: [] },
  ],
}, { baseDir: ".", env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });

/** Send raw bytes with exactly the given headers; resolves with the status as soon as the server answers. */
function send(
  port: number,
  path: string,
  headers: Record<string, string | number>,
  body: Buffer | undefined,
  end = true,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      let text = "";
      response.on("data", (d: Buffer) => (text += d.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      response.on("error", reject);
    });
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    if (body) request.write(body);
    if (end) request.end();
    else setTimeout(() => request.destroy(), 5_000).unref();
  });
}

describe("webhook receiver hardening (issue 18 #7, real Redis)", () => {
  const prefix = freshPrefix();
  let redis: Redis;
  let runs: ReturnType<typeof runsQueue>;
  let receiver: { port: number; close: () => Promise<void> };
  const waiting = async () => (await runs.getJobs(["waiting"])).map((j) => j.data.flows);

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    runs = runsQueue({ redisUrl: REDIS_URL, prefix }, redis);
    receiver = await startWebhookReceiver({ config, queue: runs, redis, prefix, port: 0, secretOf: (s) => SECRETS[s] });
  });
  afterEach(async () => {
    await runs.drain();
    for (const flow of ["shop-stock", "crm-customers"]) await redis.del(`${prefix}:pending-run:${flow}`);
  });
  afterAll(async () => {
    await receiver?.close();
    await runs?.close();
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it("answers 404 for a system name that is only an inherited property", async () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const body = Buffer.from("{}");
      const answer = await send(receiver.port, `/webhooks/${name}`, { "content-type": "application/json", ...signSharedSecret("{}", SECRETS.odoo!) }, body);
      expect([name, answer.status]).toEqual([name, 404]);
    }
  });

  it("answers 413 from Content-Length alone, before the body arrives", async () => {
    // Declares 5 MB, sends 10 bytes and keeps the request open: only a header check can answer.
    const answer = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", "content-length": 5_000_000 }, Buffer.from('{"_model":'), false);
    expect(answer.status).toBe(413);
  });

  it("stops reading an undeclared (chunked) body past the limit", async () => {
    const answer = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", "transfer-encoding": "chunked" }, Buffer.alloc(1_200_000, 0x20));
    expect(answer.status).toBe(413);
  });

  it("refuses timestamps from the future beyond a small skew, for both schemes", async () => {
    const future = Date.now() + 4 * 60_000; // within the 5-minute age window, but ahead of our clock
    const erp = JSON.stringify({ _model: "stock.quant", _id: 3 });
    const odoo = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", ...signSharedSecret(erp, SECRETS.odoo!, future) }, Buffer.from(erp));
    expect([odoo.status, JSON.parse(odoo.text)]).toEqual([401, { error: "future_timestamp" }]);
    const events = JSON.stringify([{ subscriptionType: "contact.propertyChange", objectId: 1 }]);
    const uri = `http://127.0.0.1:${receiver.port}/webhooks/hubspot`;
    const signature = createHmac("sha256", SECRETS.hubspot!).update(`POST${uri}${events}${future}`).digest("base64");
    const hubspot = await send(receiver.port, "/webhooks/hubspot", {
      host: `127.0.0.1:${receiver.port}`, "content-type": "application/json", "x-hubspot-request-timestamp": future, "x-hubspot-signature-v3": signature,
    }, Buffer.from(events));
    expect(hubspot.status).toBe(401);
    // A sender a few seconds ahead is still fine.
    const close = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", ...signSharedSecret(erp, SECRETS.odoo!, Date.now() + 5_000) }, Buffer.from(erp));
    expect(close.status).toBe(202);
    expect(await waiting()).toEqual([["shop-stock"]]);
  });

  it("acts on a signed delivery once: a replay within the window enqueues nothing", async () => {
    const erp = JSON.stringify({ _model: "stock.quant", _id: 9 });
    const headers = { "content-type": "application/json", ...signSharedSecret(erp, SECRETS.odoo!) };
    const first = await send(receiver.port, "/webhooks/odoo", headers, Buffer.from(erp));
    expect([first.status, JSON.parse(first.text)]).toEqual([202, { enqueued: ["shop-stock"], coalesced: [] }]);
    // The run it asked for has started (the worker clears the pending marker): a replay must not ask again.
    await runs.drain();
    await redis.del(`${prefix}:pending-run:shop-stock`);
    const replay = await send(receiver.port, "/webhooks/odoo", headers, Buffer.from(erp));
    expect([replay.status, JSON.parse(replay.text)]).toEqual([200, { replayed: true, enqueued: [], coalesced: [] }]);
    expect(await waiting()).toEqual([]);
  });

  it("verifies the bytes received: a body whose bytes are not the signed ones is refused", async () => {
    // Signed over the text "…\uFFFD…"; sent with a lone 0xFF byte where lenient decoding yields that same U+FFFD.
    const signedText = '{"_model":"stock.quant","note":"\uFFFD"}';
    const sent = Buffer.concat([Buffer.from('{"_model":"stock.quant","note":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const forged = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", ...signSharedSecret(signedText, SECRETS.odoo!) }, sent);
    expect([forged.status, JSON.parse(forged.text)]).toEqual([400, { error: "body is not valid UTF-8" }]);
    expect(await waiting()).toEqual([]);
    // Multi-byte UTF-8 signed over its bytes is fine.
    const text = JSON.stringify({ _model: "stock.quant", note: "Größe 💡" });
    const ok = await send(receiver.port, "/webhooks/odoo", { "content-type": "application/json", ...signSharedSecret(text, SECRETS.odoo!) }, Buffer.from(text, "utf8"));
    expect(ok.status).toBe(202);
  });
});
