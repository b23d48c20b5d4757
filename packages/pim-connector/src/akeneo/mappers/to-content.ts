import { MappingError } from "@omnibridge/connector-kit";
import type { AttributeValue, Measure, ProductInput } from "@omnibridge/core-model";
import type { AkeneoValue, AkeneoValues } from "../akeneo-api";
import { IMAGE_CODE, isReservedCode, RESERVED_CODES, type AkeneoMappingContext } from "./akeneo-context";
import { toAttributeValues } from "./to-values";

/** Values of the configured channel, or not scoped at all. */
function inChannel(values: readonly AkeneoValue[] | undefined, ctx: AkeneoMappingContext): AkeneoValue[] {
  return (values ?? []).filter((v) => v.data !== null && v.data !== undefined && (v.scope == null || v.scope === ctx.channel));
}

/** A localizable text attribute → `{ bcp47: text }`; an unlocalized value counts for the first mapped locale. */
export function localizedText(values: AkeneoValues, code: string, ctx: AkeneoMappingContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of inChannel(values[code], ctx)) {
    if (typeof value.data !== "string") throw new MappingError(code, `expected text, got ${typeof value.data}`);
    const locale = value.locale ? ctx.locales.toCanonical(value.locale) : ctx.locales.toCanonical("en_US");
    if (!locale) throw new MappingError(`${code}.${value.locale}`, `unknown locale ${JSON.stringify(value.locale)}`);
    out[locale] = value.data;
  }
  return out;
}

/** The single (unlocalized) string of an attribute, or null. */
export function plainText(values: AkeneoValues, code: string, ctx: AkeneoMappingContext): string | null {
  const value = inChannel(values[code], ctx)[0];
  if (!value) return null;
  if (typeof value.data !== "string") throw new MappingError(code, `expected text, got ${typeof value.data}`);
  return value.data;
}

/** A metric value `{amount, unit}` → canonical measure. */
export function measure(values: AkeneoValues, code: string, ctx: AkeneoMappingContext): Measure | null {
  const value = inChannel(values[code], ctx)[0];
  if (!value) return null;
  const data = value.data as { amount?: unknown; unit?: unknown };
  const amount = typeof data?.amount === "string" ? Number(data.amount) : data?.amount;
  if (typeof amount !== "number" || !Number.isFinite(amount) || typeof data.unit !== "string") throw new MappingError(code, "expected a metric {amount, unit}");
  return { value: amount, unit: data.unit };
}

/** Non-reserved attributes → canonical typed values; unknown attributes are named in the error. */
export function attributesOf(values: AkeneoValues, ctx: AkeneoMappingContext, only?: ReadonlySet<string>): Record<string, AttributeValue[]> {
  const out: Record<string, AttributeValue[]> = {};
  for (const [code, list] of Object.entries(values)) {
    if (isReservedCode(code, ctx) || (only && !only.has(code))) continue;
    const attribute = ctx.attributes.get(code);
    if (!attribute) throw new MappingError(`attributes.${code}`, `unknown attribute ${JSON.stringify(code)}`);
    const converted = toAttributeValues(code, list, attribute, ctx);
    if (converted.length > 0) out[code] = converted;
  }
  return out;
}

const MIME_BY_EXTENSION: Record<string, string> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp", svg: "image/svg+xml", pdf: "application/pdf", tif: "image/tiff", tiff: "image/tiff" };

/**
 * Image values → assets. The download link comes from the value's `_links.download.href`
 * (https://api.akeneo.com/concepts/products.html#the-data-format, media values); MIME from the extension.
 */
export function assetsOf(key: string, values: AkeneoValues, ctx: AkeneoMappingContext): NonNullable<ProductInput["assets"]> {
  const assets: NonNullable<ProductInput["assets"]> = [];
  for (const code of Object.keys(values).filter((c) => IMAGE_CODE.test(c)).sort(imageOrder)) {
    const value = inChannel(values[code], ctx)[0];
    if (!value || typeof value.data !== "string") continue;
    const href = value._links?.download?.href ?? `${ctx.baseUrl}/api/rest/v1/media-files/${value.data}/download`;
    const extension = value.data.split(".").pop()?.toLowerCase() ?? "";
    const role = code === "image" ? "main" : "gallery";
    assets.push({ key: `${key}/${code === "image" ? "main" : code.replace("_", "-")}`, url: href, mimeType: MIME_BY_EXTENSION[extension] ?? "application/octet-stream", role });
  }
  return assets;
}

function imageOrder(a: string, b: string): number {
  if (a === "image") return -1;
  if (b === "image") return 1;
  return Number(a.split("_")[1]) - Number(b.split("_")[1]);
}

/** Fields shared by simple products and product models. */
export function contentOf(key: string, values: AkeneoValues, ctx: AkeneoMappingContext) {
  return {
    name: localizedText(values, RESERVED_CODES.name, ctx),
    description: localizedText(values, RESERVED_CODES.description, ctx),
    brand: plainText(values, RESERVED_CODES.brand, ctx),
    assets: assetsOf(key, values, ctx),
  };
}

/** Akeneo timestamp (`2016-06-13T00:00:00+02:00`) → ISO UTC; an unparsable one names the field. */
export function isoTime(value: string | null | undefined, field: string): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new MappingError(field, `not a timestamp: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
