/** Header names whose values are credentials. */
const SENSITIVE_HEADERS = new Set([
  "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
  "x-hubspot-signature", "x-hubspot-signature-v3", "x-contentful-webhook-secret",
]);
/** Query / body member names whose values are credentials. */
const SENSITIVE_KEYS = /^(access_?token|refresh_?token|api_?key|apikey|password|passwd|secret|client_secret|token|private_?key|hapikey)$/i;

/** The placeholder secrets are replaced with. */
export const REDACTED = "[redacted]";

/** Copy of headers with credential values replaced. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

const CREDENTIAL_SCHEMES = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const CREDENTIAL_PARAMS = /([?&](?:access_?token|refresh_?token|api_?key|apikey|password|passwd|secret|client_secret|token|private_?key|hapikey)=)[^&#\s"']+/gi;

/**
 * Replace every occurrence of known secret strings, `Bearer …`/`Basic …` credentials (any
 * case) and credential query parameters (`?access_token=…`) in text.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CREDENTIAL_SCHEMES, `$1 ${REDACTED}`).replace(CREDENTIAL_PARAMS, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy of a JSON-like value with credential members and secret strings redacted. */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[key] = SENSITIVE_KEYS.test(key) || SENSITIVE_HEADERS.has(key.toLowerCase()) ? REDACTED : redactValue(member, secrets, depth + 1);
    }
    return out;
  }
  return value;
}

/** A URL with credential query parameters and user-info (`user:pass@`) redacted (for operation names in errors and logs). */
export function redactUrl(url: string): string {
  const [rawPath = "", ...rest] = url.split("?");
  const query = rest.join("?");
  const path = rawPath.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, `$1${REDACTED}@`);
  if (!query) return path;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SENSITIVE_KEYS.test(key)) params.set(key, REDACTED);
  return `${path}?${params.toString()}`;
}
