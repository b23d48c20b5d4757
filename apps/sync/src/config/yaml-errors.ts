/** Keys whose values are credentials when written in a config. */
const SECRET_KEY = /(^|[^A-Za-z0-9])(token|secret|password|passwd|api_?key|apikey|client_?secret|private_?key|applicationPassword|managementToken|deliveryToken|accessToken|webhookSecret)["']?\s*:\s*(.*)$/i;
/** A value that only names where the secret comes from (`${NAME}`, `{ env: NAME }`) or is empty. */
const REFERENCE = /^\s*(["']?\$\{[A-Za-z_][A-Za-z0-9_]*\}["']?|\{\s*env\s*:.*\}|["']{2}|~|null)?\s*[,}]?\s*(#.*)?$/;

/** Lines (1-based) that write a credential inline instead of referencing the environment. */
export function inlineSecretLines(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const found: number[] = [];
  lines.forEach((line, i) => {
    const match = SECRET_KEY.exec(line.replace(/^\s*#.*$/, ""));
    if (match && !REFERENCE.test(match[3] ?? "")) found.push(i + 1);
  });
  return found;
}

/** A config line with everything after its first key redacted: enough to find it, nothing to leak. */
export function redactLine(line: string): string {
  const key = /^(\s*(?:-\s+)?[^:#]*?:)\s*\S/.exec(line);
  return key ? `${key[1]} [redacted]` : `${/^\s*/.exec(line)![0]}[redacted]`;
}

/**
 * The problems of a YAML syntax error without the parser's excerpt (which quotes lines
 * verbatim, tokens included): the parser's message, then the offending line redacted, and a
 * warning when the file writes credentials inline.
 */
export function yamlSyntaxProblems(error: unknown, text: string): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const headline = message.split(/:\s*\n/)[0]!.split("\n")[0]!;
  const line = (error as { linePos?: Array<{ line: number }> } | undefined)?.linePos?.[0]?.line;
  const problems = [`YAML: ${headline}`];
  const source = line !== undefined ? text.split(/\r?\n/)[line - 1] : undefined;
  if (line !== undefined && source !== undefined) problems.push(`line ${line}: ${redactLine(source).trim()}`);
  const inline = inlineSecretLines(text);
  if (inline.length > 0) {
    problems.push(`warning: credentials are written inline (line ${inline.join(", ")}); inline secrets are discouraged — use \${ENV_NAME} or { env: ENV_NAME } and keep the value in the environment`);
  }
  return problems;
}
