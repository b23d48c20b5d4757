import { MappingError } from "@omnibridge/connector-kit";
import type { AttributeValue, Measure, ProductInput, RecordIssue } from "@omnibridge/core-model";
import type { AkeneoValue, AkeneoValues } from "../akeneo-api";
import { IMAGE_CODE, imageCodeOf, isReservedCode, labelCodeOf, RESERVED_CODES, type AkeneoMappingContext } from "./akeneo-context";

type ChannelAssignment = NonNullable<ProductInput["channels"]>[number];
import { toAttributeValues } from "./to-values";

/** Values of `scope` (default: the configured channel), or not scoped at all. */
function inChannel(values: readonly AkeneoValue[] | undefined, ctx: AkeneoMappingContext, scope = ctx.channel): AkeneoValue[] {
  return (values ?? []).filter((v) => v.data !== null && v.data !== undefined && (v.scope == null || v.scope === scope));
}

/** A localizable text attribute → `{ bcp47: text }`; an unlocalized value counts for the first mapped locale. */
export function localizedText(values: AkeneoValues, code: string, ctx: AkeneoMappingContext, scope = ctx.channel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of inChannel(values[code], ctx, scope)) {
    if (typeof value.data !== "string") throw new MappingError(code, `expected text, got ${typeof value.data}`);
    const locale = value.locale ? ctx.locales.toCanonical(value.locale) : fallbackLocale(ctx);
    if (!locale) throw new MappingError(`${code}.${value.locale}`, `unknown locale ${JSON.stringify(value.locale)}`);
    out[locale] = value.data;
  }
  return out;
}

/** The locale of unlocalized texts (and of a name that falls back to the identifier). */
export function fallbackLocale(ctx: AkeneoMappingContext): string {
  return ctx.locales.toCanonical("en_US") ?? "en";
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
export function attributesOf(
  values: AkeneoValues, ctx: AkeneoMappingContext, only?: ReadonlySet<string>, family?: string | null,
): Record<string, AttributeValue[]> {
  const out: Record<string, AttributeValue[]> = {};
  const label = labelCodeOf(family, ctx);
  const image = imageCodeOf(family, ctx);
  for (const [code, list] of Object.entries(values)) {
    // The family's label and image attributes are carried as `name` and the main asset.
    // `name` is our label convention; a family labelling with another attribute leaves `name` an ordinary attribute.
    const reserved = isReservedCode(code, ctx) && !(code === RESERVED_CODES.name && label !== RESERVED_CODES.name);
    if (reserved || code === label || code === image || (only && !only.has(code))) continue;
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
export function assetsOf(key: string, values: AkeneoValues, ctx: AkeneoMappingContext, family?: string | null): NonNullable<ProductInput["assets"]> {
  const assets: NonNullable<ProductInput["assets"]> = [];
  // The family's `attribute_as_image` is the main picture (e.g. `picture`), like our `image` convention.
  const familyImage = imageCodeOf(family, ctx);
  const main = familyImage && values[familyImage] ? familyImage : "image";
  const codes = Object.keys(values).filter((c) => c === main || (IMAGE_CODE.test(c) && c !== "image"));
  for (const code of codes.sort((a, b) => (a === main ? -1 : b === main ? 1 : imageOrder(a, b)))) {
    const value = inChannel(values[code], ctx)[0];
    if (!value || typeof value.data !== "string") continue;
    const href = value._links?.download?.href ?? `${ctx.baseUrl}/api/rest/v1/media-files/${value.data}/download`;
    const extension = value.data.split(".").pop()?.toLowerCase() ?? "";
    const role = code === main ? "main" : "gallery";
    assets.push({ key: `${key}/${code === main ? "main" : code.replace("_", "-")}`, url: href, mimeType: MIME_BY_EXTENSION[extension] ?? "application/octet-stream", role });
  }
  return assets;
}

function imageOrder(a: string, b: string): number {
  if (a === "image") return -1;
  if (b === "image") return 1;
  return Number(a.split("_")[1]) - Number(b.split("_")[1]);
}

/** What shapes a product's content besides its values. */
export interface ContentOptions {
  family?: string | null;
  enabled: boolean;
  /** Receives warnings about records that still flow (a name that fell back to the identifier). */
  warn?: (issue: RecordIssue) => void;
}

/**
 * Fields shared by simple products and product models. `name` is the family's label attribute
 * (`attribute_as_label`); a product without a label value is named by its identifier, with a
 * warning. Scoped texts of other channels than the configured one become channel overrides.
 */
export function contentOf(key: string, values: AkeneoValues, ctx: AkeneoMappingContext, options: ContentOptions) {
  const labelCode = labelCodeOf(options.family, ctx);
  let name = localizedText(values, labelCode, ctx);
  if (Object.keys(name).length === 0) {
    name = { [fallbackLocale(ctx)]: key };
    options.warn?.({
      recordKey: key, field: `values.${labelCode}`, reason: "invalid", severity: "warning",
      message: `no value for the label attribute ${labelCode}${options.family ? ` of family ${options.family}` : ""}; the identifier names the product`,
    });
  }
  return {
    name,
    description: localizedText(values, RESERVED_CODES.description, ctx),
    brand: plainText(values, RESERVED_CODES.brand, ctx),
    assets: assetsOf(key, values, ctx, options.family),
    channels: channelOverrides(values, labelCode, ctx, options.enabled),
  };
}

/**
 * Texts scoped to other channels than `settings.channel` (Akeneo keeps one value per channel for
 * scopable attributes) → canonical channel overrides, so no channel's copy is lost.
 */
export function channelOverrides(
  values: AkeneoValues, labelCode: string, ctx: AkeneoMappingContext, enabled: boolean,
): ChannelAssignment[] {
  const scopes = new Set<string>();
  for (const code of [labelCode, RESERVED_CODES.description]) {
    for (const v of values[code] ?? []) if (v.scope && v.scope !== ctx.channel && v.data != null) scopes.add(v.scope);
  }
  return [...scopes].sort().map((scope) => {
    const only = (code: string) => ({ [code]: (values[code] ?? []).filter((v) => v.scope === scope) });
    const name = localizedText(only(labelCode), labelCode, ctx, scope);
    const description = localizedText(only(RESERVED_CODES.description), RESERVED_CODES.description, ctx, scope);
    const texts = { ...(Object.keys(name).length ? { name } : {}), ...(Object.keys(description).length ? { description } : {}) };
    return { channel: scope, enabled, ...texts };
  });
}

/** Akeneo timestamp (`2016-06-13T00:00:00+02:00`) → ISO UTC; an unparsable one names the field. */
export function isoTime(value: string | null | undefined, field: string): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new MappingError(field, `not a timestamp: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
