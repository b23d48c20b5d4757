import type { ConnectorV1, EntityKind, EntityOf, Page, RecordIssue } from "@omnibridge/core-model";

/** Read every page of a kind; returns items, issues, pages and the last cursor. */
export async function readAll<K extends EntityKind>(
  connector: ConnectorV1, entity: K, options: { pageSize?: number; cursor?: string | null } = {},
) {
  const items: EntityOf<K>[] = [];
  const issues: RecordIssue[] = [];
  const deleted: string[] = [];
  const pages: Page<EntityOf<K>>[] = [];
  for await (const page of connector.read(entity, options)) {
    pages.push(page);
    items.push(...page.items);
    issues.push(...page.issues);
    deleted.push(...page.deleted);
  }
  return { items, issues, deleted, pages, cursor: pages.at(-1)?.cursor ?? null };
}
