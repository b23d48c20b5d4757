// Benchmark (not a test): time for the emulator to serve keyset pages (`write_date asc, id asc`,
// the connector's own windowing) over a large table, scanning from the top (before) versus
// starting at the page's lower bound in the sorted index (after).
// Run: pnpm --filter @omnibridge/erp-connector bench:index [rows] [pages] [pageSize]
import { OdooOrm, type OdooRow } from "../src/odoo/testing/odoo-orm";
import { executeKw } from "../src/odoo/testing/odoo-orm-methods";
import { KEYSET_ORDER, type KeysetPosition } from "../src/odoo/streams/keyset";
import { readKeysetChunk } from "../src/odoo/streams/keyset-window";

const [rows = 200_000, pages = 100, pageSize = 1_000] = process.argv.slice(2).map(Number);

function seed(indexed: boolean): OdooOrm {
  const orm = new OdooOrm(17);
  orm.useRangeIndex = indexed;
  const table = orm.table("res.partner");
  const epoch = Date.parse("2026-01-01T00:00:00Z");
  for (let i = 0; i < rows; i++) {
    const id = orm.allocateId("res.partner");
    // Imports share timestamps: 25 rows per second, so pages cut through seconds and read buckets.
    const stamp = new Date(epoch + Math.floor(i / 25) * 1000).toISOString().slice(0, 19).replace("T", " ");
    table.set(id, { id, name: `Partner ${i}`, is_company: i % 5 === 0, ref: false, write_date: stamp, active: true } as OdooRow);
  }
  return orm;
}

async function run(indexed: boolean): Promise<{ firstMs: number; pagesMs: number; rowsRead: number; searches: number }> {
  const orm = seed(indexed);
  let searches = 0;
  const fetch = async (domain: unknown[], order: string, limit: number) => {
    searches++;
    return executeKw(orm, "res.partner", "search_read", [domain], { fields: ["id", "write_date", "name"], order, limit }) as Array<{ id: number; write_date: string }>;
  };
  // The first search builds the sorted index (once per model and order; rebuilt after a write).
  let started = performance.now();
  void executeKw(orm, "res.partner", "search", [[]], { order: KEYSET_ORDER, limit: 1 });
  const firstMs = performance.now() - started;
  let position: KeysetPosition | null = null;
  let rowsRead = 0;
  started = performance.now();
  for (let page = 0; page < pages; page++) {
    const chunk = await readKeysetChunk(fetch, position, pageSize);
    rowsRead += chunk.rows.length;
    position = chunk.position;
    if (!chunk.more) break;
  }
  return { firstMs, pagesMs: performance.now() - started, rowsRead, searches };
}

const round = (ms: number) => Math.round(ms).toLocaleString("en");
console.log(`keyset pages over res.partner: ${rows.toLocaleString("en")} rows, ${pages} pages of ${pageSize} (write_date asc, id asc)`);
for (const indexed of [false, true]) {
  const result = await run(indexed);
  console.log(`${indexed ? "after  (range index)" : "before (table scan) "}: sort ${round(result.firstMs)} ms, ${result.rowsRead.toLocaleString("en")} rows in ${result.searches} searches: ${round(result.pagesMs)} ms → ${(result.pagesMs / pages).toFixed(2)} ms/page`);
}
