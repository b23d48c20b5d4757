import { chunk, errorFromResponse } from "@omnibridge/connector-kit";
import { ConnectorError, isConnectorError } from "@omnibridge/core-model";
import { wordpressPostSchema, type WordpressPost } from "../wordpress-api";
import type { WordpressBatchRequest, WordpressBatchResponse, WordpressClient } from "../wordpress-client";
import { classifyWordpressError } from "../wordpress-error";

/** One write of a post: create (no id), update (id) or trash (`trash: true`). */
export interface PostWrite {
  collection: string;
  id?: number;
  body?: object;
  trash?: boolean;
}

/** The post a write left, or the error it met (a ConnectorError either way, as a single request would throw). */
export type PostWriteResult = { ok: true; post: WordpressPost } | { ok: false; error: ConnectorError };

function toRequest(write: PostWrite): WordpressBatchRequest {
  const path = `/wp/v2/${write.collection}${write.id === undefined ? "" : `/${write.id}`}?context=edit`;
  return write.trash ? { method: "DELETE", path } : { method: "POST", path, body: write.body ?? {} };
}

/** A batch answer as the result a single request would have given. */
function resultOf(system: string, request: WordpressBatchRequest, response: WordpressBatchResponse): PostWriteResult {
  const operation = `${request.method} ${request.path.replace(/\?.*$/, "")} (batch)`;
  if (!response) return { ok: false, error: new ConnectorError("protocol", `${system} ${operation}: the batch ran no request here`, { system, operation }) };
  const failure = { status: response.status, body: response.body, headers: {}, operation };
  if (response.status < 400) {
    const post = wordpressPostSchema.safeParse(response.body);
    if (post.success) return { ok: true, post: post.data };
    return { ok: false, error: new ConnectorError("protocol", `${system} ${operation} answered ${response.status} without a post`, { system, operation, status: response.status }) };
  }
  return { ok: false, error: errorFromResponse(system, failure, classifyWordpressError(failure), []) };
}

async function single(client: WordpressClient, write: PostWrite): Promise<PostWriteResult> {
  try {
    const body = write.body ?? {};
    const post = write.trash ? await client.trash(write.collection, write.id!)
      : write.id === undefined ? await client.create(write.collection, body) : await client.update(write.collection, write.id, body);
    return { ok: true, post };
  } catch (error) {
    if (isConnectorError(error)) return { ok: false, error };
    throw error;
  }
}

/**
 * Run post writes through `/batch/v1` in calls of the site's limit (25 by default), or one request each
 * when the site has no batch route (or it answers 404). Results in input order, one per write; a call
 * that fails as a whole (401, 429/5xx after retries, network) throws.
 */
export async function runWrites(client: WordpressClient, writes: readonly PostWrite[]): Promise<PostWriteResult[]> {
  const { system } = client;
  const results: PostWriteResult[] = [];
  const limit = writes.length ? await client.batchLimit() : 0;
  if (limit > 0) {
    for (const part of chunk(writes, limit)) {
      const requests = part.map(toRequest);
      let responses: WordpressBatchResponse[];
      try {
        responses = await client.batch(requests);
      } catch (error) {
        if (!isConnectorError(error) || error.vendorCode !== "rest_no_route") throw error;
        client.disableBatch();
        return [...results, ...(await runWrites(client, writes.slice(results.length)))];
      }
      requests.forEach((request, i) => results.push(resultOf(system, request, responses[i] ?? null)));
    }
    return results;
  }
  for (const write of writes) results.push(await single(client, write));
  return results;
}
