/** Records per product of a testkit world (all kinds: SKUs, prices, stock, parties, orders…), measured at 1k–10k products. */
export const RECORDS_PER_PRODUCT = 23.5;

/** A benchmark scale: its label, target record count and the world size that yields it. */
export interface Scale {
  label: string;
  records: number;
  products: number;
}

/** Parse `10k`, `100k`, `1m` or a plain number of records into a scale. */
export function parseScale(text: string): Scale {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scale must look like 10k, 100k or 1m (got "${text}")`);
  const unit = match[2]!.toLowerCase();
  const records = Math.round(Number(match[1]) * (unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1));
  if (records < 500) throw new Error("--scale must be at least 500 records");
  return { label: text.toLowerCase(), records, products: Math.max(20, Math.round(records / RECORDS_PER_PRODUCT)) };
}
