import type { HubSpotEmulator } from "@omnibridge/crm-connector/testing";
import type { ContentfulEmulator } from "@omnibridge/cms-connector/testing";
import type { MarketingWorld } from "./marketing-world";

/** Customer keys of the members of the HubSpot list of a segment (`<name> [<key>]`). */
export function listMembers(hubspot: HubSpotEmulator, segmentKey: string): string[] {
  const list = [...hubspot.store.lists.values()].find((l) => l.name.endsWith(`[${segmentKey}]`));
  if (!list) return [];
  const contacts = hubspot.store.type("contacts");
  return [...list.members].map((id) => contacts.get(id)?.properties.omnibridge_customer_key ?? `?${id}`).sort();
}

/** HubSpot contact id of a customer key. */
export function contactId(hubspot: HubSpotEmulator, customerKey: string): string {
  const found = [...hubspot.store.type("contacts").values()].find((c) => c.properties.omnibridge_customer_key === customerKey);
  if (!found) throw new Error(`no contact for ${customerKey}`);
  return found.id;
}

/** Customer keys of the contacts whose `;`-separated property holds `value`. */
export function taggedWith(hubspot: HubSpotEmulator, property: string, value: string): string[] {
  return [...hubspot.store.type("contacts").values()]
    .filter((c) => !c.archived && (c.properties[property] ?? "").split(";").includes(value))
    .map((c) => c.properties.omnibridge_customer_key ?? `?${c.id}`).sort();
}

/** The add-and-remove membership calls HubSpot received since the log was cleared. */
export function membershipCalls(hubspot: HubSpotEmulator): Array<{ listId: string; add: string[]; remove: string[] }> {
  return hubspot.server.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/memberships/add-and-remove")).map((r) => {
    const body = r.body as { recordIdsToAdd?: string[]; recordIdsToRemove?: string[] };
    return { listId: r.path.split("/")[4]!, add: [...(body.recordIdsToAdd ?? [])].sort(), remove: [...(body.recordIdsToRemove ?? [])].sort() };
  });
}

/** The list id of a segment's list. */
export function listIdOf(hubspot: HubSpotEmulator, key: string): string | undefined {
  return [...hubspot.store.lists.values()].find((l) => l.name.endsWith(`[${key}]`))?.listId;
}

/** WordPress landing pages (any status) whose `omnibridge_key` meta is `<kind>:<key>`, newest first. */
export async function wordpressPages(m: MarketingWorld, kind: "promotion" | "campaign", key: string): Promise<Array<{ id: number; status: string; link: string; meta: Record<string, unknown>; title: { raw?: string } }>> {
  const { url, username, applicationPassword } = m.wordpress.settings as { url: string; username: string; applicationPassword: string };
  const query = new URLSearchParams({ omnibridge_key: `${kind}:${key}`, status: "publish,draft,trash,pending,future,private", context: "edit", per_page: "100", orderby: "id", order: "desc" });
  const response = await fetch(`${url}/wp-json/wp/v2/pages?${query}`, { headers: { authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString("base64")}` } });
  if (!response.ok) throw new Error(`WordPress ${response.status}: ${await response.text()}`);
  const pages = (await response.json()) as Array<{
    id: number; status: string; link: string; meta: Record<string, unknown>; title: { raw?: string };
  }>;
  return pages.filter((p) => p.meta.omnibridge_key === `${kind}:${key}`);
}

/** The Contentful entry of a promotion or campaign, by canonical key (any locale's `key` field). */
export function contentfulEntry(contentful: ContentfulEmulator, contentType: "promotion" | "campaign", key: string) {
  return [...contentful.state.entries.values()]
    .find((e) => e.contentTypeId === contentType && Object.values(e.fields.key ?? {}).includes(key));
}
