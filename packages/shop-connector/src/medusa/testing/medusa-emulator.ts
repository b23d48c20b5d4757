import { createEmulatorServer, type EmulatorRequest, type EmulatorResponse, type EmulatorServer } from "@omnibridge/connector-kit/testing";

/** A raw row the emulator serves (Medusa's wire shape; only `id` and `updated_at` are required). */
export type MedusaEmulatorRow = Record<string, unknown> & { id: string; updated_at: string };

/** The emulator's data per admin list route (`products`, `variants`, `inventory_items`, …). */
export interface MedusaEmulatorData {
  products?: MedusaEmulatorRow[];
  variants?: MedusaEmulatorRow[];
  inventory_items?: MedusaEmulatorRow[];
  customers?: MedusaEmulatorRow[];
  orders?: MedusaEmulatorRow[];
  stock_locations?: MedusaEmulatorRow[];
}

/** A running Medusa admin API emulator. */
export interface MedusaEmulator {
  url: string;
  secretApiKey: string;
  server: EmulatorServer;
  data: Required<MedusaEmulatorData>;
  /** The next `count` requests get 429 with `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds?: number): void;
  stop(): Promise<void>;
}

const ROUTES: Record<string, keyof MedusaEmulatorData> = {
  "/admin/products": "products", "/admin/product-variants": "variants", "/admin/inventory-items": "inventory_items",
  "/admin/customers": "customers", "/admin/orders": "orders", "/admin/stock-locations": "stock_locations",
};
const FILTERS: Record<string, string> = { "sku[]": "sku", "id[]": "id", external_id: "external_id", email: "email" };

/**
 * Medusa's list semantics as verified on 2.18.0: `limit`/`offset`, one `order` field (`-` for
 * descending), `updated_at[$gt|$gte|$lt|$eq]` (the `$` is required; without it the filter is
 * ignored), equality and `[]` array filters; answers `{ <resource>, count, offset, limit }`.
 */
function list(rows: MedusaEmulatorRow[], resource: string, query: URLSearchParams): EmulatorResponse {
  let out = rows.slice();
  for (const [param, field] of Object.entries(FILTERS)) {
    const wanted = query.getAll(param);
    if (wanted.length) out = out.filter((row) => wanted.includes(String(row[field])));
  }
  const stamp = (row: MedusaEmulatorRow) => Date.parse(row.updated_at);
  const ops: Record<string, (a: number, b: number) => boolean> = { $gt: (a, b) => a > b, $gte: (a, b) => a >= b, $lt: (a, b) => a < b,
    $eq: (a, b) => a === b };
  for (const [op, test] of Object.entries(ops)) {
    const value = query.get(`updated_at[${op}]`);
    if (value) out = out.filter((row) => test(stamp(row), Date.parse(value)));
  }
  const order = query.get("order");
  if (order) {
    const field = order.replace(/^-/, "");
    const sign = order.startsWith("-") ? -1 : 1;
    // Stable sort: ties keep insertion order, like a database without a tiebreak might.
    out.sort((a, b) => sign * String(a[field]).localeCompare(String(b[field])));
  }
  const offset = Number(query.get("offset") ?? 0);
  const limit = Number(query.get("limit") ?? 50);
  return { status: 200, body: { [resource]: out.slice(offset, offset + limit), count: out.length, offset, limit } };
}

function levelsBatch(data: Required<MedusaEmulatorData>, request: EmulatorRequest): EmulatorResponse {
  const body = request.body as { create?: Array<Record<string, unknown>>; update?: Array<Record<string, unknown>> };
  const locations = new Set(data.stock_locations.map((l) => l.id));
  const all = [...(body.create ?? []), ...(body.update ?? [])];
  const bad = all.find((level) => !locations.has(String(level.location_id)));
  if (bad) return { status: 400, body: { type: "invalid_data",
    message: `Stock location with id: ${String(bad.location_id)} was not found` } };
  const now = new Date().toISOString();
  for (const level of all) {
    const item = data.inventory_items.find((i) => i.id === level.inventory_item_id);
    if (!item) return { status: 404, body: { type: "not_found",
      message: `Inventory item ${String(level.inventory_item_id)} was not found` } };
    const levels = (item.location_levels ??= []) as Array<Record<string, unknown>>;
    const existing = levels.find((l) => l.location_id === level.location_id);
    const stocked = Number(level.stocked_quantity);
    if (existing) Object.assign(existing, { stocked_quantity: stocked,
      available_quantity: stocked - Number(existing.reserved_quantity ?? 0), updated_at: now });
    else levels.push({ id: `ilev_${levels.length}${item.id}`, location_id: level.location_id, stocked_quantity: stocked,
      reserved_quantity: 0,
      incoming_quantity: 0, available_quantity: stocked, updated_at: now });
  }
  return { status: 200, body: { created: body.create ?? [], updated: body.update ?? [], deleted: [] } };
}

/** Start a Medusa admin API emulator on 127.0.0.1:0 (reads of the list routes, stock level batches, Basic auth, 429s). */
export async function startMedusaEmulator(seed: MedusaEmulatorData = {}): Promise<MedusaEmulator> {
  const secretApiKey = "sk_emulator_0123456789";
  const data: Required<MedusaEmulatorData> = { products: [], variants: [], inventory_items: [], customers: [], orders: [],
    stock_locations: [], ...seed };
  let limited = 0;
  let retryAfter = 1;
  const expected = `Basic ${Buffer.from(`${secretApiKey}:`).toString("base64")}`;
  const server = await createEmulatorServer({
    name: "medusa",
    interceptors: [
      (request) => (request.headers.authorization === expected ? undefined : { status: 401, body: { message: "Unauthorized" } }),
      () => (limited-- > 0 ? { status: 429, headers: { "retry-after": String(retryAfter) }, body: { type: "not_allowed",
        message: "Too many requests" } } : undefined),
    ],
    routes: [
      ...Object.entries(ROUTES).map(([path, key]) => ({ method: "GET", path, handler: (r: EmulatorRequest) => list(data[key], key,
        r.query) })),
      { method: "GET", path: "/admin/stores", handler: () => ({ status: 200, body: { stores: [{ id: "store_1",
        name: "Emulated Store" }] } }) },
      { method: "GET", path: "/admin/shipping-options", handler: () => ({ status: 200, body: { shipping_options: [], count: 0 } }) },
      { method: "GET", path: "/admin/customer-groups", handler: () => ({ status: 200, body: { customer_groups: [], count: 0 } }) },
      { method: "POST", path: "/admin/inventory-items/location-levels/batch", handler: (r: EmulatorRequest) => levelsBatch(data, r) },
    ],
    notFound: (r) => ({ status: 404, headers: { "content-type": "text/html" }, raw: `<pre>Cannot ${r.method} ${r.path}</pre>` }),
  });
  return {
    url: server.url, secretApiKey, server, data,
    rateLimitNext(count, seconds = 1) {
      limited = count;
      retryAfter = seconds;
    },
    stop: () => server.close(),
  };
}
