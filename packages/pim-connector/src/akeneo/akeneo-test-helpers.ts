import type { ConnectorV1, EntityKind, EntityOf, Page } from "@omnibridge/core-model";

/** Read every page of a kind (test helper). */
export async function readPages<K extends EntityKind>(
  connector: ConnectorV1, entity: K, pageSize: number, cursor?: string | null,
): Promise<Page<EntityOf<K>>[]> {
  const pages: Page<EntityOf<K>>[] = [];
  for await (const page of connector.read(entity, { pageSize, cursor })) pages.push(page);
  return pages;
}

/** Keys of all items of pages. */
export function keysOf(pages: readonly Page<{ key: string }>[]): string[] {
  return pages.flatMap((p) => p.items.map((i) => i.key));
}
