import type { RecordedRequest } from "@omnibridge/connector-kit/testing";

/** An ORM call as the emulator received it (JSON-RPC execute_kw or JSON-2). */
export interface LoggedCall {
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  status: number;
  headers: RecordedRequest["headers"];
}

/** ORM calls in a request log, for asserting what the connector sent. */
export function loggedCalls(requests: readonly RecordedRequest[]): LoggedCall[] {
  return requests.flatMap((request): LoggedCall[] => {
    const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (json2) {
      const kwargs = (request.body ?? {}) as Record<string, unknown>;
      return [{ model: json2[1]!, method: json2[2]!, args: [], kwargs, status: request.status, headers: request.headers }];
    }
    const params = (request.body as { params?: { service?: string; method?: string; args?: unknown[] } } | undefined)?.params;
    if (request.path !== "/jsonrpc" || params?.service !== "object" || params.method !== "execute_kw") return [];
    const [, , , model, method, args, kwargs] = params.args ?? [];
    return [{
      model: String(model), method: String(method), args: (args ?? []) as unknown[], kwargs: (kwargs ?? {}) as Record<string, unknown>,
      status: request.status, headers: request.headers,
    }];
  });
}
