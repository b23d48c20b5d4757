import type { HttpClient } from "@omnibridge/connector-kit";
import { ConnectorError } from "@omnibridge/core-model";
import { akeneoTokenSchema, type AkeneoToken } from "./akeneo-api";

/** Credentials of the password grant. */
export interface AkeneoCredentials {
  clientId: string;
  secret: string;
  username: string;
  password: string;
}

interface HeldToken {
  access: string;
  refresh: string;
  expiresAt: number;
}

/**
 * OAuth2 token handling for connectors: password grant with Basic client auth, refresh
 * grant shortly before expiry, single-flight renewals, password grant again when the
 * refresh token is refused. https://api.akeneo.com/documentation/authentication.html
 */
export class AkeneoTokenManager {
  private token: HeldToken | undefined;
  private pending: Promise<HeldToken> | undefined;
  /** Token grants made (password + refresh). */
  grants = 0;

  constructor(
    private readonly http: HttpClient, private readonly credentials: AkeneoCredentials, private readonly now = () => Date.now(),
  ) {}

  /** The Authorization header, renewing the token first when it expires soon. */
  async header(): Promise<Record<string, string>> {
    const token = this.token && !this.expiresSoon(this.token) ? this.token : await this.renew();
    return { Authorization: `Bearer ${token.access}` };
  }

  /**
   * After a 401 for a request sent with `failedHeader`: renew unless a concurrent request has
   * already replaced that token (then its retry simply uses the new one). One renewal per token.
   */
  async recoverFrom(failedHeader: string | undefined): Promise<void> {
    if (this.pending) {
      await this.pending;
      return;
    }
    if (this.token && failedHeader !== `Bearer ${this.token.access}`) return;
    if (this.token) this.token = { ...this.token, expiresAt: 0 };
    await this.renew();
  }

  /** Strings to scrub from every message. */
  secrets(): string[] {
    const { secret, password, clientId } = this.credentials;
    return [secret, password, clientId, this.token?.access ?? "", this.token?.refresh ?? ""];
  }

  private expiresSoon(token: HeldToken): boolean {
    return this.now() >= token.expiresAt;
  }

  private renew(): Promise<HeldToken> {
    this.pending ??= this.grant().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async grant(): Promise<HeldToken> {
    const refresh = this.token?.refresh;
    if (refresh) {
      try {
        return this.hold(await this.request({ grant_type: "refresh_token", refresh_token: refresh }));
      } catch (error) {
        // An expired or revoked refresh token (14 days) is a 4xx: fall back to the password grant.
        if (!(error instanceof ConnectorError) || error.retryable) throw error;
      }
    }
    const { username, password } = this.credentials;
    return this.hold(await this.request({ grant_type: "password", username, password }));
  }

  private hold(token: AkeneoToken): HeldToken {
    // Renew a minute early (or at 90% of a short lifetime) so no request carries a token about to lapse.
    const marginMs = Math.min(60_000, token.expires_in * 100);
    this.token = { access: token.access_token, refresh: token.refresh_token, expiresAt: this.now() + token.expires_in * 1000 - marginMs };
    this.grants++;
    return this.token;
  }

  private async request(body: Record<string, string>): Promise<AkeneoToken> {
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.secret}`).toString("base64");
    // https://api.akeneo.com/api-reference.html#post_token
    try {
      const response = await this.http.request({
        method: "POST", url: "/api/oauth/v1/token", data: body, schema: akeneoTokenSchema,
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/json" }, operation: `POST /api/oauth/v1/token (${body.grant_type})`,
      });
      return response.data;
    } catch (error) {
      // Akeneo refuses wrong client or user credentials with 422 (authentication.md): that is an auth failure.
      if (error instanceof ConnectorError && error.status === 422) {
        throw new ConnectorError("unauthorized", error.message, { status: 422, system: error.system, operation: error.operation, vendorCode: error.vendorCode });
      }
      throw error;
    }
  }
}
