import { randomBytes } from "node:crypto";
import type { EmulatorInterceptor, EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";

/** Test credentials of the emulator's API connection. */
export interface EmulatorCredentials {
  clientId: string;
  secret: string;
  username: string;
  password: string;
}

/** Default test credentials. */
export const AKENEO_TEST_CREDENTIALS: EmulatorCredentials = {
  clientId: "1_omnibridge-test-client", secret: "emulator-client-secret", username: "omnibridge_erp", password: "emulator-password",
};

const REFRESH_LIFETIME_S = 1_209_600;
const error = (status: number, message: string): EmulatorResponse => ({ status, body: { code: status, message } });

/**
 * OAuth2 as Akeneo implements it for connections (https://api.akeneo.com/documentation/authentication.html):
 * password grant with Basic client auth, refresh grant, access tokens that expire, 401 bodies
 * for missing, unknown and expired tokens.
 */
export class EmulatorAuth {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Map<string, number>();
  /** Grants issued, by grant type. */
  readonly grants = { password: 0, refresh_token: 0 };

  constructor(private readonly credentials: EmulatorCredentials, public tokenLifetimeSeconds: number) {}

  /** `POST /api/oauth/v1/token`. */
  token(request: EmulatorRequest): EmulatorResponse {
    const body = parseBody(request);
    if (!body) return error(400, "Invalid json message received");
    const basic = `Basic ${Buffer.from(`${this.credentials.clientId}:${this.credentials.secret}`).toString("base64")}`;
    if (request.headers.authorization !== basic) return error(422, 'Parameter "client_id" is missing or does not match any client, or secret is invalid');
    if (body.grant_type === "password") {
      if (body.username !== this.credentials.username || body.password !== this.credentials.password) return error(422, "No user found for the given username and password");
      this.grants.password++;
      return this.issue();
    }
    if (body.grant_type === "refresh_token") {
      const expires = this.refresh.get(String(body.refresh_token));
      if (!expires || expires < Date.now()) return error(422, "Refresh token is invalid or has expired");
      this.refresh.delete(String(body.refresh_token));
      this.grants.refresh_token++;
      return this.issue();
    }
    return error(422, 'Parameter "grant_type" of the request body must be "password" or "refresh_token"');
  }

  /** Expire every access token now (simulates the lifetime passing). */
  expireAll(): void {
    for (const token of this.access.keys()) this.access.set(token, 0);
  }

  /** Interceptor guarding `/api/rest/v1/*` (the endpoint list `GET /api/rest/v1` is public). */
  guard(): EmulatorInterceptor {
    return (request) => {
      if (!request.path.startsWith("/api/rest/v1/")) return undefined;
      const header = request.headers.authorization;
      if (!header?.startsWith("Bearer ")) return error(401, "Authentication is required");
      const expires = this.access.get(header.slice(7));
      if (expires === undefined) return error(401, "The access token provided is invalid.");
      if (expires <= Date.now()) return error(401, "The access token provided has expired.");
      return undefined;
    };
  }

  private issue(): EmulatorResponse {
    const access = randomBytes(24).toString("base64url");
    const refresh = randomBytes(24).toString("base64url");
    this.access.set(access, Date.now() + this.tokenLifetimeSeconds * 1000);
    this.refresh.set(refresh, Date.now() + REFRESH_LIFETIME_S * 1000);
    return { status: 200, body: { access_token: access, expires_in: this.tokenLifetimeSeconds, token_type: "bearer", scope: null, refresh_token: refresh } };
  }
}

function parseBody(request: EmulatorRequest): Record<string, unknown> | undefined {
  if (request.body && typeof request.body === "object") return request.body as Record<string, unknown>;
  if (/x-www-form-urlencoded/.test(request.headers["content-type"] ?? "")) return Object.fromEntries(new URLSearchParams(request.rawBody));
  return undefined;
}
