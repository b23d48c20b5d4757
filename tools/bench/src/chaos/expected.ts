import type { World } from "@omnibridge/testkit";

/** One target record as the world says it must look: its key and the properties to compare. */
export interface ExpectedRecord {
  key: string;
  fields: Record<string, string | number>;
}

/** Expected records of each verified target, derived from the testkit world alone (never from the app's state). */
export interface ExpectedProjection {
  contacts: Map<string, ExpectedRecord>;
  companies: Map<string, ExpectedRecord>;
  deals: Map<string, ExpectedRecord>;
  lineItems: Map<string, ExpectedRecord>;
  /** SKU → currency → amount in minor units (retail lists only: the PIM's price attribute holds one per currency). */
  prices: Map<string, Map<string, number>>;
  /** Records the targets cannot take by design (contacts without e-mail), expected as dead letters. */
  rejected: string[];
}


/** The projection every target must hold once the sync has caught up with this world revision. */
export function expectedProjection(world: World, retailLists: readonly string[] = ["retail-eur", "retail-usd"]): ExpectedProjection {
  const out: ExpectedProjection = {
    contacts: new Map(), companies: new Map(), deals: new Map(), lineItems: new Map(), prices: new Map(), rejected: [],
  };
  for (const c of world.customers()) {
    if (world.isInvalid("customer", c.key)) continue;
    if (!c.email) {
      out.rejected.push(`customer:${c.key}`);
      continue;
    }
    const fields: Record<string, string> = { email: c.email.toLowerCase(), firstname: c.firstName ?? "", lastname: c.lastName ?? "" };
    out.contacts.set(c.key, { key: c.key, fields });
  }
  for (const c of world.companies()) out.companies.set(c.key, { key: c.key, fields: { name: c.name } });
  for (const o of world.orders()) {
    out.deals.set(o.key, { key: o.key, fields: { dealname: o.number, amount: o.total.amount, deal_currency_code: o.currency } });
    for (const line of o.lines) {
      const key = `${o.key}/${line.lineKey}`;
      out.lineItems.set(key, { key, fields: { hs_sku: line.sku, quantity: String(line.quantity), amount: line.total.amount } });
    }
  }
  for (const p of world.prices()) {
    if (!retailLists.includes(p.priceListKey) || p.customerKey) continue;
    let byCurrency = out.prices.get(p.sku);
    if (!byCurrency) out.prices.set(p.sku, (byCurrency = new Map()));
    byCurrency.set(p.price.currency, p.price.amount);
  }
  return out;
}
