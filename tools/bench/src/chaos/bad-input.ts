import type { InvalidRecordInfo, World } from "@omnibridge/testkit";
import type { HubSpotEmulator } from "@omnibridge/crm-connector/testing";

/** A dead letter as `omnibridge dlq list --json` prints it. */
export interface LetterRow {
  flow: string;
  system: string;
  entity: string;
  stage: string;
  recordKey: string;
  reason: string;
  field?: string | null;
  message: string;
}

/** Per broken-record kind: how many the world emitted, how many reached the dead-letter store, with which field. */
export interface BadInputRow {
  entity: string;
  problem: string;
  expected: number;
  deadLettered: number;
  fieldNamed: number;
  /** Records the vendor's own format made valid on the way in (e.g. Odoo stores `en_US`, read as `en`), found correct in the target. */
  normalized: number;
  /** Distinct `field` values of the matched dead letters (the vendor's field when it differs from the canonical one). */
  letterFields: string[];
  missing: string[];
}

const fieldMatches = (expected: string, actual: string | null | undefined): boolean =>
  Boolean(actual) && (actual === expected || actual!.split(".")[0] === expected.split(".")[0]);

/**
 * Match every deliberately broken record of the world to a read-stage dead letter of its
 * source flow (by record key; a product without SKU has no key, so those match by `field: key`).
 */
export function matchInvalid(
  world: World,
  letters: readonly LetterRow[],
  normalized: (info: InvalidRecordInfo) => boolean = () => false,
): BadInputRow[] {
  const rows = new Map<string, BadInputRow>();
  const read = letters.filter((l) => l.stage === "read");
  const byKey = new Map(read.map((l) => [`${l.entity}|${l.recordKey}`, l]));
  const keyless = read.filter((l) => l.entity === "product" && l.field === "key");
  for (const info of world.invalidRecords() as Iterable<InvalidRecordInfo>) {
    const id = `${info.entity}|${info.problem}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        entity: info.entity, problem: info.problem,
        expected: 0, deadLettered: 0, fieldNamed: 0, normalized: 0, letterFields: [], missing: [],
      };
      rows.set(id, row);
    }
    row.expected++;
    const letter = info.problem === "missing SKU" ? keyless.pop() : byKey.get(`${info.entity}|${info.key}`);
    if (!letter && normalized(info)) {
      row.normalized++;
      continue;
    }
    if (!letter) {
      if (row.missing.length < 5) row.missing.push(info.key);
      continue;
    }
    row.deadLettered++;
    if (letter.field && !row.letterFields.includes(letter.field)) row.letterFields.push(letter.field);
    if (fieldMatches(info.field, letter.field)) row.fieldNamed++;
  }
  return [...rows.values()];
}

/**
 * Write requests the sync sent to HubSpot whose body carries a script tag. Counted on the wire, not
 * in the store: the CRM's own (seeded) data may hold a script the sync never wrote, and the sync
 * does not overwrite fields the CRM owns.
 */
export function scriptsWrittenToHubSpot(hubspot: HubSpotEmulator): number {
  return hubspot.server.requests
    .filter((r) => r.method !== "GET" && r.body !== undefined)
    .filter((r) => /<script/i.test(typeof r.body === "string" ? r.body : JSON.stringify(r.body))).length;
}

/** Record keys the run reported as delivered with a warning (`omnibridge run --json` → `warnings.examples`). */
export function warnedKeys(runJson: string): Set<string> {
  try {
    const summary = JSON.parse(runJson) as { warnings?: { examples?: Array<{ recordKey: string }> } };
    return new Set((summary.warnings?.examples ?? []).map((w) => w.recordKey));
  } catch {
    return new Set();
  }
}

/**
 * True when a broken customer reached HubSpot with a well-formed value in the broken field:
 * - Odoo keeps languages as `en_US`, so a "broken locale key" is Odoo's native format and the
 *   connector reads it as BCP 47 `en`; the sync then writes the contact correctly.
 * - A "script tag" (product description, customer name) is removed by core-model's rich-text
 *   allowlist (issue 18 #1): the record is delivered cleaned and the run names it in its warnings.
 */
export function normalizedInHubSpot(
  hubspot: HubSpotEmulator, warned: ReadonlySet<string> = new Set(),
): (info: InvalidRecordInfo) => boolean {
  const byKey = new Map<string, Record<string, string>>();
  for (const object of hubspot.store.type("contacts").values()) {
    const key = object.properties.omnibridge_customer_key;
    if (key) byKey.set(key, object.properties);
  }
  return (info) => {
    // Markup is removed at the canonical boundary: the record was delivered cleaned and the run said so.
    if (info.problem === "script tag") return warned.has(info.key);
    const contact = info.entity === "customer" ? byKey.get(info.key) : undefined;
    if (!contact) return false;
    if (info.field === "locale") return /^[a-z]{2,3}(-[A-Z]{2})?$/.test(contact.hs_language ?? "");
    return false;
  };
}
