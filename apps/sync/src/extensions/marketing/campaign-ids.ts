import type { GoldenRecord } from "@omnibridge/core-model";
import type { IdMapping, Repos } from "../../state";

/**
 * Campaign landing pages: the CMS returns the page URL as the campaign's externalId, and the
 * CRM and the other CMS take the first http(s) value among `externalIds` as the landing URL.
 * So campaign goldens carry the ids already known (id map) and, within a page, the ids each
 * target returns before the next target is written (configure the landing-page CMS first).
 */
export async function withKnownIds(repos: Repos, goldens: readonly GoldenRecord[]): Promise<void> {
  for (const golden of goldens) {
    const known = await repos.targets.lookup({ entity: golden.entity, key: golden.key });
    for (const id of known) golden.externalIds[id.system] ??= id.externalId;
  }
}

/** Fold the ids a target returned into the goldens (in place). */
export function foldIds(goldens: readonly GoldenRecord[], ids: readonly IdMapping[]): void {
  const byKey = new Map(goldens.map((g) => [g.key, g]));
  for (const id of ids) {
    const golden = byKey.get(id.key);
    if (golden && id.entity === golden.entity) golden.externalIds[id.system] = id.externalId;
  }
}
