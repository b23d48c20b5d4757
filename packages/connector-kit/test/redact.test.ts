import { describe, expect, it } from "vitest";
import { REDACTED, redactHeaders, redactText, redactUrl, redactValue } from "../src/redact";

describe("redaction", () => {
  it("redactHeaders replaces credential headers in any case and keeps the rest", () => {
    const headers = { Authorization: "Bearer abc", "X-API-Key": "k", cookie: "s=1", "Proxy-Authorization": "Basic xyz", Accept: "application/json" };
    expect(redactHeaders(headers)).toEqual({
      Authorization: REDACTED, "X-API-Key": REDACTED, cookie: REDACTED, "Proxy-Authorization": REDACTED, Accept: "application/json",
    });
    expect(headers.Authorization).toBe("Bearer abc");
  });

  it("redactText scrubs Bearer/Basic credentials in any case, credential query params and known secrets", () => {
    expect(redactText("Authorization: Bearer eyJ.abc-def_1")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText("authorization: bearer eyJ.abc")).toBe(`authorization: bearer ${REDACTED}`);
    expect(redactText("BASIC dXNlcjpwYXNz==")).toBe(`BASIC ${REDACTED}`);
    expect(redactText("GET /x?access_token=t0k3n&page=2 failed")).toBe(`GET /x?access_token=${REDACTED}&page=2 failed`);
    expect(redactText("see https://h/y?a=1&hapikey=abcd#frag")).toBe(`see https://h/y?a=1&hapikey=${REDACTED}#frag`);
    expect(redactText("pw is s3cr3t-pw twice s3cr3t-pw", ["s3cr3t-pw"])).toBe(`pw is ${REDACTED} twice ${REDACTED}`);
    expect(redactText("short ab stays", ["ab", ""])).toBe("short ab stays");
  });

  it("redactUrl redacts credential params and user-info only", () => {
    expect(redactUrl("/api?api_key=k1&limit=10&Token=t")).toBe(`/api?api_key=${encodeURIComponent(REDACTED)}&limit=10&Token=${encodeURIComponent(REDACTED)}`);
    expect(redactUrl("/api/items/7")).toBe("/api/items/7");
    expect(redactUrl("https://user:pa55@example.com/a?b=1")).toBe(`https://${REDACTED}@example.com/a?b=1`);
    expect(redactUrl("https://user:pa55@example.com/a")).not.toContain("pa55");
  });

  it("redactValue deep-copies nested values, redacting credential members and secrets", () => {
    const input = {
      user: "ada",
      password: "pw",
      nested: { headers: { Authorization: "Basic Zm9v" }, list: [{ refresh_token: "r" }, "token in text: sekret-1"], client_secret: "c" },
      count: 3,
      none: null,
    };
    expect(redactValue(input, ["sekret-1"])).toEqual({
      user: "ada",
      password: REDACTED,
      nested: { headers: { Authorization: REDACTED }, list: [{ refresh_token: REDACTED }, `token in text: ${REDACTED}`], client_secret: REDACTED },
      count: 3,
      none: null,
    });
    expect(input.password).toBe("pw");
    let deep: unknown = "leaf";
    for (let i = 0; i < 30; i++) deep = { next: deep };
    expect(JSON.stringify(redactValue(deep))).toContain("[too deep]");
  });
});
