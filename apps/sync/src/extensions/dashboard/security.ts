import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

/** A browser session: its id (cookie) and whether it presented the access token. */
export interface Session {
  id: string;
  authenticated: boolean;
  /** A message for the next page this session loads (after an action). */
  flash?: string | undefined;
}

/** Hono's per-request variables of the dashboard. */
export interface DashboardEnv {
  Variables: { session: Session; csrf: string };
}

const COOKIE = "omnibridge_ui_session";
const MAX_SESSIONS = 10_000;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** True for a loopback host name or address. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Options of {@link Guard}. */
export interface GuardOptions {
  /** The access token; required (by the caller) for any non-loopback host. */
  token: string | undefined;
  /** The host the server is bound to: loopback binds accept loopback Host headers only (DNS rebinding). */
  host: string;
}

/**
 * The dashboard's guard: a session cookie for every browser, the access token when one is set,
 * a CSRF token per session on every form, and an Origin check on every POST.
 */
export class Guard {
  private readonly secret = randomBytes(32);
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly options: GuardOptions) {}

  /** The CSRF token of a session (an HMAC of its id: nothing to store). */
  csrfOf(session: Session): string {
    return createHmac("sha256", this.secret).update(session.id).digest("base64url");
  }

  /** Whether a token matches the access token. */
  tokenMatches(candidate: string | undefined): boolean {
    return this.options.token !== undefined && candidate !== undefined && same(candidate, this.options.token);
  }

  /** Whether requests must present the access token. */
  get protected(): boolean {
    return this.options.token !== undefined;
  }

  private session(c: Context): Session {
    const id = getCookie(c, COOKIE);
    const known = id ? this.sessions.get(id) : undefined;
    if (known) return known;
    const session = { id: randomBytes(24).toString("base64url"), authenticated: false };
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(session.id, session);
    setCookie(c, COOKIE, session.id, { httpOnly: true, sameSite: "Strict", path: "/" });
    return session;
  }

  /** Security headers, the Host check, the session and its CSRF token. */
  middleware(): MiddlewareHandler<DashboardEnv> {
    return async (c, next) => {
      c.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "same-origin");
      c.header("X-Frame-Options", "DENY");
      c.header("Cache-Control", "no-store");
      const host = hostName(c.req.header("host") ?? "");
      if (isLoopback(this.options.host) && !isLoopback(host)) return c.text("This dashboard answers on its loopback address only.", 421);
      const session = this.session(c);
      if (!session.authenticated && this.tokenMatches(bearer(c.req.header("authorization")))) session.authenticated = true;
      c.set("session", session);
      c.set("csrf", this.csrfOf(session));
      if (c.req.method === "POST") {
        const problem = await this.postProblem(c, session);
        if (problem) return c.text(`Refused: ${problem}`, 403);
      }
      await next();
    };
  }

  /** Why a POST is refused (cross-origin, or no valid CSRF token), or undefined. */
  private async postProblem(c: Context, session: Session): Promise<string | undefined> {
    const expected = new URL(c.req.url).origin;
    const origin = c.req.header("origin") ?? refererOrigin(c.req.header("referer"));
    if (origin === undefined) return "the request names no Origin";
    if (origin !== expected) return "the request comes from another origin";
    // `all: true` like the actions: Hono keeps the first parse, and a form may repeat a field (`id`).
    const form = await c.req.parseBody({ all: true });
    const token = typeof form._csrf === "string" ? form._csrf : undefined;
    if (!token || !same(token, this.csrfOf(session))) return "the form's CSRF token is missing or stale; reload the page";
    return undefined;
  }
}

function hostName(hostHeader: string): string {
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader);
  return match ? match[1]!.toLowerCase() : "";
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
