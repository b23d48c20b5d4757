import type { AnyEntity, EntityKind, Order, Price, StockLevel } from "@omnibridge/core-model";
import type { Rng } from "./prng";
import { addDays } from "./scale";

type Mutator = (record: never, rng: Rng, revision: number) => void;

function suffixAll(text: Record<string, string>, revision: number): void {
  for (const locale of Object.keys(text)) text[locale] = `${text[locale]} (r${revision})`;
}

const NEXT_STATUS: Record<Order["status"], Order["status"]> = {
  draft: "pending", pending: "confirmed", confirmed: "fulfilled", partially_fulfilled: "fulfilled", fulfilled: "returned",
  cancelled: "cancelled", returned: "returned",
};

function changePrice(record: Price, rng: Rng): void {
  const factor = 1 + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 10) / 100;
  const amount = Math.max(1, Math.round(record.price.amount * factor));
  record.price = { ...record.price, amount: amount === record.price.amount ? amount + 1 : amount };
  record.tiers = record.tiers.map((tier) => ({
    ...tier,
    price: { ...tier.price, amount: Math.max(1, Math.round(tier.price.amount * factor)) },
  }));
}

function changeStock(record: StockLevel, rng: Rng): void {
  const onHand = (record.onHand + rng.int(1, 50)) % 900;
  record.onHand = onHand;
  record.reserved = Math.min(onHand, record.reserved);
  record.available = onHand - record.reserved;
}

function changeOrder(record: Order): void {
  const next = NEXT_STATUS[record.status];
  if (next === record.status) {
    record.paymentStatus = record.paymentStatus === "refunded" ? "partially_refunded" : "refunded";
    return;
  }
  record.status = next;
  if (next === "returned") record.paymentStatus = "refunded";
}

const MUTATORS: Record<EntityKind, Mutator> = {
  product: ((r: { name: Record<string, string>; description: Record<string, string> }, _rng: Rng, rev: number) => {
    suffixAll(r.name, rev);
    suffixAll(r.description, rev);
  }) as Mutator,
  category: ((r: { name: Record<string, string> }, _rng: Rng, rev: number) => suffixAll(r.name, rev)) as Mutator,
  attribute: ((r: { label: Record<string, string> }, _rng: Rng, rev: number) => suffixAll(r.label, rev)) as Mutator,
  priceList: ((r: { name: string }, _rng: Rng, rev: number) => void (r.name = `${r.name} (r${rev})`)) as Mutator,
  location: ((r: { name: string }, _rng: Rng, rev: number) => void (r.name = `${r.name} (r${rev})`)) as Mutator,
  price: changePrice as Mutator,
  stockLevel: changeStock as Mutator,
  company: ((r: { creditLimit: { amount: number } | null }) => {
    if (r.creditLimit) r.creditLimit = { ...r.creditLimit, amount: r.creditLimit.amount + 100_000 };
  }) as Mutator,
  customer: ((r: { phone: string; consent: { email: string } }, _rng: Rng, rev: number) => {
    r.phone = `+49 30 ${String(rev).padStart(3, "0")}${r.phone.slice(-4)}`;
    r.consent = { ...r.consent, email: r.consent.email === "granted" ? "denied" : "granted" };
  }) as Mutator,
  order: changeOrder as Mutator,
  promotion: ((r: { validTo: string }) => void (r.validTo = addDays(r.validTo, 7))) as Mutator,
  campaign: ((r: { budget: { amount: number } }) => void (r.budget = { ...r.budget, amount: r.budget.amount + 100_000 })) as Mutator,
  segment: ((r: { name: string }, _rng: Rng, rev: number) => void (r.name = `${r.name} (r${rev})`)) as Mutator,
  contentEntry: ((r: { title: string; body: string }, _rng: Rng, rev: number) => {
    r.title = `${r.title} (r${rev})`;
    r.body = `${r.body}<p>Updated in revision ${rev}.</p>`;
  }) as Mutator,
};

/** Change a record's values in place as revision `revision` does (never only its updatedAt). */
export function mutateRecord(entity: EntityKind, record: AnyEntity, rng: Rng, revision: number): void {
  MUTATORS[entity](record as never, rng, revision);
}
