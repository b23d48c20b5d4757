import type { ConnectorV1, EntityKind, EntityOf, Page } from "@omnibridge/core-model";
import type { HubSpotEmulator } from "../src/testing";

/** Every page of a read. */
export async function readPages<K extends EntityKind>(
  connector: ConnectorV1, entity: K, pageSize: number, cursor?: string | null,
): Promise<Page<EntityOf<K>>[]> {
  const pages: Page<EntityOf<K>>[] = [];
  for await (const page of connector.read(entity, { pageSize, cursor })) pages.push(page);
  return pages;
}

/** Requests to a path (exact or matching) from the emulator's log. */
export function requestsTo(emulator: HubSpotEmulator, method: string, path: string | RegExp) {
  return emulator.server.requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));
}

/** A budget that never waits (to provoke the emulator's 429s). */
export const unlimited = { acquire: async () => undefined };
