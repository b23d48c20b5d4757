import type { z } from "zod";

/** A config problem at a path (`flows[2].targets[0].system: unknown system "hubspt"`). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[], readonly file?: string) {
    super(`${file ? `${file}: ` : ""}invalid config\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Format a path the way a reader writes it: `flows[2].targets[0].system`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

/** Turn zod issues into path-named messages. */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}
