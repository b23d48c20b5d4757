import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { contentfulError, ok, syncEntry } from "./contentful-emulator-wire";
import type { ContentfulSpaceState, StoredEntry } from "./contentful-emulator-state";

/** What a sync token stores: position, whether the initial pass is running, and the initial call's filters. */
interface SyncToken {
  after: number;
  initial: boolean;
  type: string;
  contentType?: string;
  limit: number;
}

const encode = (token: SyncToken) => `w5Z${Buffer.from(JSON.stringify(token)).toString("base64url")}`;
function decode(raw: string): SyncToken | undefined {
  try {
    const token = JSON.parse(Buffer.from(raw.slice(3), "base64url").toString("utf8")) as SyncToken;
    return raw.startsWith("w5Z") && Number.isInteger(token.after) ? token : undefined;
  } catch {
    return undefined;
  }
}

const DELETION_TYPES: Record<string, string> = { Entry: "DeletedEntry", Asset: "DeletedAsset" };

function selected(entry: StoredEntry, token: SyncToken): boolean {
  if (entry.syncSeq <= token.after) return false;
  const deleted = !entry.published;
  const type = entry.type ?? "Entry";
  // The initial sync returns current content only; deletions come with later syncs.
  if (deleted && token.initial) return false;
  const itemType = deleted ? DELETION_TYPES[type]! : type;
  const wanted = token.type === "all" || token.type === itemType || (token.type === "Deletion" && deleted);
  if (!wanted) return false;
  return !token.contentType || deleted || entry.contentTypeId === token.contentType;
}

/** Start or continue: `initial=true` (+ `type`, `content_type`, `limit`) or `sync_token`. */
function tokenOf(request: EmulatorRequest): SyncToken | EmulatorResponse {
  const raw = request.query.get("sync_token");
  if (raw) return decode(raw) ?? contentfulError(400, "BadRequest", "The sync token is invalid.");
  if (request.query.get("initial") !== "true") return contentfulError(400, "BadRequest", "Either initial=true or sync_token is required.");
  const type = request.query.get("type") ?? "all";
  if (!["all", "Entry", "Asset", "Deletion", "DeletedEntry", "DeletedAsset"].includes(type)) return contentfulError(400, "BadRequest", `Unsupported sync type ${type}`);
  const limit = Number(request.query.get("limit") ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return contentfulError(400, "BadRequest", "limit must be between 1 and 1000");
  return { after: 0, initial: true, type, contentType: request.query.get("content_type") ?? undefined, limit };
}

/**
 * The Sync API on the CDA: pages of changed published entries and assets (and DeletedEntry /
 * DeletedAsset items after the initial sync, also for entries deleted after unpublishing) with `nextPageUrl` while more are waiting, then `nextSyncUrl`.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/synchronization
 */
export function syncRoutes(state: ContentfulSpaceState): EmulatorRoute[] {
  return [{
    method: "GET",
    path: "/spaces/:space/environments/:environment/sync",
    handler: (request) => {
      if (request.params.space !== state.spaceId || request.params.environment !== state.environment) return contentfulError(404, "NotFound", "The resource could not be found.");
      const token = tokenOf(request);
      if ("status" in token) return token;
      const matching = [...state.entries.values(), ...state.assets.values(), ...state.removed.values()]
        .filter((entry) => selected(entry, token))
        .sort((a, b) => a.syncSeq - b.syncSeq);
      const page = matching.slice(0, token.limit);
      const url = `http://${request.headers.host}/spaces/${state.spaceId}/environments/${state.environment}/sync?sync_token=`;
      const more = matching.length > page.length;
      const next = more ? { ...token, after: page.at(-1)!.syncSeq } : { ...token, after: state.seq, initial: false };
      return ok({
        sys: { type: "Array" },
        items: page.map((entry) => syncEntry(state, entry)),
        ...(more ? { nextPageUrl: url + encode(next) } : { nextSyncUrl: url + encode(next) }),
      });
    },
  }];
}
