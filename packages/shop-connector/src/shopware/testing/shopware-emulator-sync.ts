import { DEFAULT_CURRENCY_ID, type ShopwareStore, type StoredRow } from "./shopware-emulator-store";

/** A JSON:API error object as Shopware sends it (`error` schema). */
export interface EmulatorError {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string };
  meta?: Record<string, unknown>;
}

type Payload = Record<string, unknown>;
const ID = /^[0-9a-f]{32}$/;

/** A constraint violation at `/<operation>/<index>/<field>`, as the Sync API reports it. */
export function violation(pointer: string, detail: string, code = "FRAMEWORK__WRITE_CONSTRAINT_VIOLATION"): EmulatorError {
  return { status: "400", code, title: "Bad Request", detail, source: { pointer } };
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function checkPrices(prices: unknown, pointer: string, requireDefault: boolean): EmulatorError[] {
  if (!Array.isArray(prices)) return [violation(pointer, "This value should be of type array.")];
  const errors: EmulatorError[] = [];
  prices.forEach((price: Payload, i) => {
    if (typeof price?.gross !== "number" || !Number.isFinite(price.gross)) errors.push(violation(`${pointer}/${i}/gross`, "This value should be of type numeric."));
    if (typeof price?.net !== "number" || !Number.isFinite(price.net)) errors.push(violation(`${pointer}/${i}/net`, "This value should be of type numeric."));
  });
  if (requireDefault && !prices.some((p: Payload) => p?.currencyId === DEFAULT_CURRENCY_ID)) {
    errors.push({ ...violation(pointer, "No price for default currency defined", "CONTENT__PRODUCT_PRICE_DEFAULT_CURRENCY_MISSING") });
  }
  return errors;
}

/** Validation per entity of one upsert row; `pending` holds ids written earlier in the same request. */
function validate(
  store: ShopwareStore, entity: string, row: Payload, pointer: string, pending: Map<string, Map<string, Payload>>,
): EmulatorError[] {
  if (typeof row.id !== "string" || !ID.test(row.id)) return [violation(`${pointer}/id`, `Value is not a valid UUID: ${String(row.id)}`, "FRAMEWORK__INVALID_UUID")];
  const nestedDelivery = (id: unknown) => store.list("order").some((o) => ((o._deliveries as StoredRow[] | undefined) ?? []).some((d) => d.id === id));
  const exists = (e: string, id: unknown) =>
    typeof id === "string" && (store.get(e, id) !== undefined || pending.get(e)?.has(id) === true || (e === "order_delivery" && nestedDelivery(id)));
  const isNew = !exists(entity, row.id);
  const errors: EmulatorError[] = [];
  const required = (fields: string[]) => fields.forEach((f) => isNew && blank(row[f]) && errors.push(violation(`${pointer}/${f}`, "This value should not be blank.")));
  if (entity === "product") {
    const isVariant = !blank(row.parentId);
    required(isVariant ? ["productNumber", "stock"] : ["productNumber", "name", "taxId", "price", "stock"]);
    if (isVariant && !exists("product", row.parentId)) errors.push(violation(`${pointer}/parentId`, `The product ${String(row.parentId)} does not exist.`, "FRAMEWORK__WRITE_CONSTRAINT_VIOLATION"));
    if (row.price !== undefined) errors.push(...checkPrices(row.price, `${pointer}/price`, !isVariant));
    const number = row.productNumber;
    const owner = store.list("product").find((p) => p.productNumber === number && p.id !== row.id);
    const pendingOwner = [...(pending.get("product")?.values() ?? [])].find((p) => p.productNumber === number && p.id !== row.id);
    if (!blank(number) && (owner || pendingOwner)) errors.push(violation(`${pointer}/productNumber`, `Product with number "${String(number)}" already exists.`, "CONTENT__DUPLICATE_PRODUCT_NUMBER"));
    // productNumber is a StringField of 64 characters (ProductDefinition).
    if (typeof number === "string" && number.length > 64) errors.push(violation(`${pointer}/productNumber`, "This value is too long. It should have 64 characters or less."));
    if (row.stock !== undefined && !Number.isInteger(row.stock)) errors.push(violation(`${pointer}/stock`, "This value should be of type int."));
  } else if (entity === "product_price") {
    required(["productId", "ruleId", "quantityStart", "price"]);
    if (!blank(row.productId) && !exists("product", row.productId)) errors.push(violation(`${pointer}/productId`, `The product ${String(row.productId)} does not exist.`));
    if (row.price !== undefined) errors.push(...checkPrices(row.price, `${pointer}/price`, true));
  } else if (entity === "property_group" || entity === "property_group_option") {
    required(["name"]);
    if (entity === "property_group_option") required(["groupId"]);
  } else if (entity === "order_delivery" || entity === "order") {
    if (isNew) errors.push(violation(`${pointer}/id`, `The ${entity} ${row.id} does not exist; orders are placed through the checkout.`, "FRAMEWORK__ENTITY_NOT_FOUND"));
  } else if (!["customer", "customer_group", "tax"].includes(entity)) {
    errors.push(violation(pointer, `Entity ${entity} is not supported by this emulator.`, "FRAMEWORK__DEFINITION_NOT_FOUND"));
  }
  return errors;
}

/** Merge lists keyed by id (many-to-many and one-to-many writes add or update, never remove). */
function mergeById(current: unknown, next: unknown): StoredRow[] {
  const list = new Map(((current as StoredRow[] | undefined) ?? []).map((row) => [row.id, row]));
  for (const row of (next as StoredRow[] | undefined) ?? []) list.set(row.id, { ...list.get(row.id), ...row });
  return [...list.values()];
}

function applyRow(store: ShopwareStore, entity: string, row: Payload, at: string): void {
  const id = row.id as string;
  if (entity === "order_delivery") {
    for (const order of store.list("order")) {
      const deliveries = (order._deliveries as StoredRow[] | undefined) ?? [];
      const delivery = deliveries.find((d) => d.id === id);
      if (delivery) {
        Object.assign(delivery, row, { updatedAt: at });
        store.write("order", { id: order.id }, at);
      }
    }
    return;
  }
  const current = store.get(entity, id);
  const next: StoredRow = { ...row, id };
  if (entity === "product") {
    if (row.visibilities !== undefined) next._visibilities = mergeById(current?._visibilities, row.visibilities);
    if (row.configuratorSettings !== undefined) next._configuratorSettings = mergeById(current?._configuratorSettings,
      row.configuratorSettings);
    if (row.options !== undefined) next.optionIds = [...new Set([...((current?.optionIds as string[]) ?? []),
      ...(row.options as StoredRow[]).map((o) => o.id)])];
    delete next.visibilities;
    delete next.configuratorSettings;
    delete next.options;
  }
  if (row.customFields !== undefined && current?.customFields) next.customFields = { ...(current.customFields as object),
    ...(row.customFields as object) };
  store.write(entity, next, at);
}

/** Result of a sync request: 200 with written ids, or 400 with the errors (fail-on-error rolled it all back). */
export function runSync(store: ShopwareStore, body: unknown, failOnError: boolean): { status: number; body: unknown } {
  const operations: Array<[string, Payload]> = Array.isArray(body) ? body.map((op, i) => [String(i), op as Payload]) :
    Object.entries((body ?? {}) as Record<string, Payload>);
  const errors: EmulatorError[] = [];
  const pending = new Map<string, Map<string, Payload>>();
  const accepted: Array<{ entity: string; action: string; row: Payload }> = [];
  for (const [key, operation] of operations) {
    const entity = String(operation.entity);
    const action = String(operation.action);
    const payload = Array.isArray(operation.payload) ? (operation.payload as Payload[]) : [];
    if (action !== "upsert" && action !== "delete") {
      errors.push(violation(`/${key}/action`, `Action ${action} is not supported. Use upsert or delete.`, "FRAMEWORK__INVALID_SYNC_OPERATION"));
      continue;
    }
    payload.forEach((row, index) => {
      const rowErrors = action === "delete" ? (typeof row.id === "string" ? [] : [violation(`/${key}/${index}/id`, "Value is not a valid UUID", "FRAMEWORK__INVALID_UUID")]) : validate(store, entity, row, `/${key}/${index}`, pending);
      if (rowErrors.length) return void errors.push(...rowErrors);
      accepted.push({ entity, action, row });
      if (action === "upsert") {
        const table = pending.get(entity) ?? new Map<string, Payload>();
        table.set(row.id as string, row);
        pending.set(entity, table);
      }
    });
  }
  if (errors.length && failOnError) return { status: 400, body: { errors } };
  const at = store.now();
  const data: Record<string, string[]> = {};
  const deleted: Record<string, string[]> = {};
  const notFound: Record<string, string[]> = {};
  for (const { entity, action, row } of accepted) {
    const id = row.id as string;
    if (action === "delete") {
      const target = store.delete(entity, id) ? deleted : notFound;
      (target[entity] ??= []).push(id);
      continue;
    }
    applyRow(store, entity, row, at);
    (data[entity] ??= []).push(id);
  }
  return { status: 200, body: { extensions: [], data, notFound: Object.keys(notFound).length ? notFound : [],
    deleted: Object.keys(deleted).length ? deleted : [], ...(errors.length ? { errors } : {}) } };
}
