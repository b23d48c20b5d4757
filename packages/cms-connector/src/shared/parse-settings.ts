import type { z } from "zod";
import { ConnectorError } from "@omnibridge/core-model";

/** Validate settings with zod; a failure is an `invalid` ConnectorError naming the fields (never their values). */
export function parseSettings<S extends z.ZodType>(system: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`).join("; ");
  throw new ConnectorError("invalid", `${system} settings are invalid: ${detail}`, { system });
}
