import type { z } from "zod";
import {
  akeneoAttributeSchema, akeneoFamilySchema, akeneoFamilyVariantSchema, type AkeneoAttribute, type AkeneoFamilyVariant,
} from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { NextLinkGuard } from "../akeneo-page-guard";
import type { LocaleMapper } from "../akeneo-locales";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";

/** Every item of a list (follows `_links.next`, guarded against a link that loops). */
export async function listAll<T>(
  client: AkeneoClient, path: string, item: z.ZodType<T>, signal?: AbortSignal, params: Record<string, string | number> = {},
): Promise<T[]> {
  const out: T[] = [];
  const guard = new NextLinkGuard(client.system, path, LIST_ALL_CEILING);
  let page = await client.list(path, { limit: 100, ...params }, item, signal);
  out.push(...page.items);
  while (page.next) {
    guard.visit(page.next);
    page = await client.list(page.next, {}, item, signal);
    out.push(...page.items);
  }
  return out;
}

/** listAll collects in memory: structure lists (attributes, families, options) stay far below 1 M items. */
const LIST_ALL_CEILING = 10_000;

/**
 * Load the catalogue structure mappers need: attributes (types, units), families (label and
 * image attributes) and family variants (axes per level).
 * https://api.akeneo.com/api-reference.html#get_attributes, #get_families, #get_families__family_code__variants
 */
export async function loadMappingContext(
  client: AkeneoClient,
  base: { system: string; channel: string; locales: LocaleMapper; baseUrl: string },
  signal?: AbortSignal,
): Promise<AkeneoMappingContext> {
  const [attributes, families] = await Promise.all([
    listAll(client, "/attributes", akeneoAttributeSchema, signal),
    listAll(client, "/families", akeneoFamilySchema, signal),
  ]);
  const familyVariants = new Map<string, AkeneoFamilyVariant>();
  await Promise.all(
    families.map(async (family) => {
      const variants = await listAll(client, `/families/${encodeURIComponent(family.code)}/variants`, akeneoFamilyVariantSchema, signal);
      for (const variant of variants) familyVariants.set(variant.code, { ...variant, family: family.code });
    }),
  );
  return {
    ...base, attributes: new Map<string, AkeneoAttribute>(attributes.map((a) => [a.code, a])), familyVariants,
    families: new Map(families.map((f) => [f.code, f])),
  };
}
