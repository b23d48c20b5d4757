import { formatPath } from "./errors";

const ENV_PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replace `${NAME}` inside strings and `{ env: "NAME" }` objects with environment values,
 * recursively. Missing variables are reported by path; values are never echoed.
 */
export function resolveSecrets(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[], problems: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(ENV_PATTERN, (_, name: string) => {
      const found = env[name];
      if (found === undefined) problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
      return found ?? "";
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveSecrets(item, env, [...path, i], problems));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "env" && typeof entries[0]![1] === "string") {
      const name = entries[0]![1];
      const found = env[name];
      if (found === undefined) problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
      return found ?? "";
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveSecrets(v, env, [...path, k], problems)]));
  }
  return value;
}
