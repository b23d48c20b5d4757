import { documented, envelope, searchOf, type Route } from "./playback";

/** `search` has an `IN` condition on `property` (optionally with exactly these values). */
export function searchesIn(property: string, values?: readonly string[]) {
  return (query: URLSearchParams) => {
    const condition = searchOf(query)?.[property]?.find((c) => c.operator === "IN");
    return !!condition && (!values || JSON.stringify([...(condition.value as string[])].sort()) === JSON.stringify([...values].sort()));
  };
}

/** The request has no `search` (or one without `IN` filters) and is a first page. */
export const firstPage = (query: URLSearchParams) => !query.has("page") && !query.has("search_after") && !Object.values(searchOf(query) ?? {}).some((c) => c.some((x) => x.operator === "IN"));

/**
 * The catalogue structure a mapping context loads, from documented payloads: the documented
 * attribute page (its `next` leads to a last page with the attribute definitions the documented
 * products use), the documented family page (tshirt, caps; its `next` leads to an empty last page)
 * and the documented two-level family variant, served under the code the documented models use.
 */
export function contextRoutes(options: { families?: unknown[] } = {}): Route[] {
  const familyPage = documented<{ _embedded: { items: unknown[] } }>("families-list.json");
  if (options.families) familyPage._embedded.items = options.families;
  const familyVariant = { ...documented("family-variants-list.json"), code: "clothing_material_size" };
  return [
    { path: "/api/rest/v1/attributes", when: (q) => q.get("page") === "4", answer: { body: envelope([...documented<unknown[]>("../attributes.json"), ...documented<unknown[]>("attributes-supplement.json")]) } },
    { path: "/api/rest/v1/attributes", when: (q) => !q.has("page"), answer: { body: documented("attributes-list.json") } },
    { path: "/api/rest/v1/families", when: (q) => q.get("page") === "3", answer: { body: envelope([]) } },
    { path: "/api/rest/v1/families", when: (q) => !q.has("page"), answer: { body: familyPage } },
    { path: "/api/rest/v1/families/tshirt/variants", answer: { body: envelope([familyVariant]) } },
    { path: "/api/rest/v1/families/caps/variants", answer: { body: envelope([]) } },
  ];
}
