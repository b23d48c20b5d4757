import { describe, expect, it } from "vitest";
import { compileDomain, parseOrder } from "../testing/odoo-domain";
import { readKeysetChunk, type KeysetPosition, type RowFetcher } from "./keyset-window";

type Row = { id: number; write_date: string };

/** A fetcher over rows stored with microseconds, read back in whole seconds (as Odoo does). */
function fetcherOver(rows: Row[]): RowFetcher & { calls: number } {
  const fetch = async (domain: unknown[], order: string, limit: number) => {
    fetch.calls++;
    const match = compileDomain(domain);
    const spec = parseOrder(order);
    return rows
      .filter((row) => match((field) => row[field as keyof Row]))
      .sort((a, b) => {
        for (const { field, descending } of spec) {
          const x = a[field as keyof Row];
          const y = b[field as keyof Row];
          if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
        }
        return 0;
      })
      .slice(0, limit)
      .map((row) => ({ id: row.id, write_date: row.write_date.slice(0, 19) }));
  };
  fetch.calls = 0;
  return fetch;
}

function world(seed: number, count: number): Row[] {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, (_, i) => {
    const second = Math.floor(random() * Math.max(1, count / 6));
    const micro = random() < 0.3 ? "" : `.${String(Math.floor(random() * 1e6)).padStart(6, "0")}`;
    return { id: i + 1, write_date: `2026-01-01 ${new Date(second * 1000).toISOString().slice(11, 19)}${micro}` };
  });
}

async function readAll(fetch: RowFetcher, size: number, from: KeysetPosition | null = null) {
  const ids: number[] = [];
  let position = from;
  for (let guard = 0; guard < 10_000; guard++) {
    const chunk = await readKeysetChunk<Row>(fetch, position, size);
    ids.push(...chunk.rows.map((r) => r.id));
    expect(chunk.rows.length).toBeLessThanOrEqual(size);
    position = chunk.position;
    if (!chunk.more) return { ids, position };
  }
  throw new Error("paging did not end");
}

describe("keyset windows on second-truncated write_date", () => {
  for (const [seed, count, size] of [[1, 200, 7], [2, 500, 50], [3, 60, 1], [4, 300, 13], [5, 1000, 100]] as const) {
    it(`reads every row exactly once (seed ${seed}, ${count} rows, page ${size})`, async () => {
      const rows = world(seed, count);
      const { ids, position } = await readAll(fetcherOver(rows), size);
      expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
      expect((await readAll(fetcherOver(rows), size, position)).ids).toEqual([]);
    });
  }

  it("a bulk write of 1,000 rows sharing one timestamp pages by id in windows of the page size", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, write_date: "2026-01-01 00:00:00.123456" }));
    const fetch = fetcherOver(rows);
    const { ids } = await readAll(fetch, 100);
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(fetch.calls).toBeLessThanOrEqual(13);
  });

  it("rows written after a read, in the cursor's last second with a higher id or in later seconds, are read next", async () => {
    const rows = world(9, 100);
    const first = await readAll(fetcherOver(rows), 10);
    const last = first.position!;
    const added = [{ id: 1000, write_date: `${last[0]}.999999` }, { id: 1001, write_date: "2026-01-02 00:00:00" }];
    expect((await readAll(fetcherOver([...rows, ...added]), 10, first.position)).ids).toEqual([1000, 1001]);
  });
});
