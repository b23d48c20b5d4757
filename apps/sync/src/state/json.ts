/** Parse JSON written by the state store itself. */
export function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** Split a list into parts of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
