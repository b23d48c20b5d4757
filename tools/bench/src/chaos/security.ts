import { existsSync, readFileSync } from "node:fs";

/** Where a secret was found. */
export interface SecretScan {
  secrets: number;
  sources: Array<{ source: string; bytes: number }>;
  hits: Array<{ source: string; secret: string }>;
}

/** Secrets as they could leak: the values themselves and HTTP Basic encodings of id:secret pairs. */
export function secretForms(secrets: readonly string[], basicPairs: ReadonlyArray<[string, string]> = []): string[] {
  const forms = new Set(secrets.filter((s) => s.length >= 6));
  for (const [id, secret] of basicPairs) forms.add(Buffer.from(`${id}:${secret}`).toString("base64"));
  return [...forms];
}

/** Mask a secret for the report: its length and first two characters only. */
export function mask(secret: string): string {
  return `${secret.slice(0, 2)}…(${secret.length} chars)`;
}

/**
 * Scan every source (texts, and files read as raw bytes: SQLite database, WAL) for every secret
 * form, as UTF-8 and as UTF-16LE (SQLite may store text in either).
 */
export function scanForSecrets(secrets: readonly string[], texts: Record<string, string>, files: readonly string[]): SecretScan {
  const scan: SecretScan = { secrets: secrets.length, sources: [], hits: [] };
  const buffers: Array<[string, Buffer]> = Object.entries(texts).map(([name, text]) => [name, Buffer.from(text, "utf8")]);
  for (const file of files) if (existsSync(file)) buffers.push([file, readFileSync(file)]);
  for (const [source, bytes] of buffers) {
    scan.sources.push({ source, bytes: bytes.length });
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, "utf8")) || bytes.includes(Buffer.from(secret, "utf16le"))) scan.hits.push({ source, secret: mask(secret) });
    }
  }
  return scan;
}
