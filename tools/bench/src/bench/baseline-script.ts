// The integrator's script a bench baseline runs (child process): read customers from Odoo with
// plain JSON-RPC search_read in a loop and write each to HubSpot with HubSpot's official Node
// client (@hubspot/api-client, built-in retry). No state, no delta, no hashing: every run sends all.
// Input: OB_BASELINE = JSON { odoo: {url, database, username, apiKey}, hubspot: {url, token}, mode, limit }.
import { Client } from "@hubspot/api-client";
import { z } from "zod";

const inputSchema = z.object({
  odoo: z.object({ url: z.string(), database: z.string(), username: z.string(), apiKey: z.string() }),
  hubspot: z.object({ url: z.string(), token: z.string() }),
  /** `per-record`: one upsert call per customer (most scripts); `batched`: 100 per call (a careful script). */
  mode: z.enum(["per-record", "batched"]),
  limit: z.int().positive(),
});
const input = inputSchema.parse(JSON.parse(process.env.OB_BASELINE ?? "{}"));
const partnerSchema = z.object({
  id: z.number(),
  name: z.union([z.string(), z.literal(false)]),
  email: z.union([z.string(), z.literal(false)]),
  phone: z.union([z.string(), z.literal(false)]),
  ref: z.union([z.string(), z.literal(false)]),
});

let rpcId = 0;
/** Odoo external API: https://www.odoo.com/documentation/17.0/developer/reference/external_api.html */
async function rpc(service: string, method: string, args: unknown[]): Promise<unknown> {
  const response = await fetch(`${input.odoo.url}/jsonrpc`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { service, method, args }, id: ++rpcId }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`odoo: ${body.error.message}`);
  return body.result;
}

const { database, username, apiKey } = input.odoo;
const uid = await rpc("common", "authenticate", [database, username, apiKey, {}]);
const hubspot = new Client({ accessToken: input.hubspot.token, basePath: input.hubspot.url, numberOfApiCallRetries: 3 });
type Upsert = { idProperty: string; id: string; properties: Record<string, string> };
const toInput = (p: z.infer<typeof partnerSchema>): Upsert | undefined => {
  if (!p.email) return undefined;
  const [first, ...rest] = (p.name || "").split(" ");
  const properties: Record<string, string> = { email: p.email.toLowerCase(), firstname: first ?? "", lastname: rest.join(" ") };
  if (p.phone) properties.phone = p.phone;
  if (p.ref) properties.omnibridge_customer_number = p.ref;
  return { idProperty: "email", id: p.email.toLowerCase(), properties };
};

let written = 0;
let failed = 0;
const started = performance.now();
for (let offset = 0; written + failed < input.limit; offset += 200) {
  const rows = z.array(partnerSchema).parse(await rpc("object", "execute_kw", [database, uid, apiKey, "res.partner", "search_read",
    [[["is_company", "=", false], ["ref", "!=", false]]], { fields: ["name", "email", "phone", "ref"], limit: 200, offset, order: "id" }]));
  if (rows.length === 0) break;
  const inputs = rows.map(toInput).filter((i): i is Upsert => Boolean(i)).slice(0, input.limit - written - failed);
  const groups = input.mode === "batched" ? Array.from({ length: Math.ceil(inputs.length / 100) }, (_, i) => inputs.slice(i * 100, i * 100 + 100)) : inputs.map((i) => [i]);
  for (const group of groups) {
    try {
      await hubspot.crm.contacts.batchApi.upsert({ inputs: group });
      written += group.length;
    } catch {
      failed += group.length;
    }
  }
}
process.stdout.write(`${JSON.stringify({ written, failed, wallMs: performance.now() - started })}\n`);
