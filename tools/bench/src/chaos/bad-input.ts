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

/** Objects the sync wrote to HubSpot (they carry an omnibridge key) whose properties contain a script tag. */
export function scriptsWrittenToHubSpot(hubspot: HubSpotEmulator): number {
  let found = 0;
  for (const type of ["contacts", "companies", "deals", "line_items"]) {
    for (const object of hubspot.store.type(type).values()) {
      const written = Object.keys(object.properties).some((p) => /^omnibridge_.*_key$/.test(p) && object.properties[p]);
      if (written && Object.values(object.properties).some((v) => /<script/i.test(v))) found++;
    }
  }
  return found;
}

/**
 * True when a broken customer reached HubSpot with a well-formed value in the broken field:
 * - Odoo keeps languages as `en_US`, so a "broken locale key" is Odoo's native format and the
 *   connector reads it as BCP 47 `en`; the sync then writes the contact correctly.
 * - A "script tag" in the first name is removed by core-model's rich-text allowlist (issue 18
 *   #1: such records flow cleaned, with a warning), so the contact arrives without it.
 */
export function normalizedInHubSpot(hubspot: HubSpotEmulator): (info: InvalidRecordInfo) => boolean {
  const byKey = new Map<string, Record<string, string>>();
  for (const object of hubspot.store.type("contacts").values()) {
    const key = object.properties.omnibridge_customer_key;
    if (key) byKey.set(key, object.properties);
  }
  return (info) => {
    const contact = info.entity === "customer" ? byKey.get(info.key) : undefined;
    if (!contact) return false;
    if (info.field === "locale") return /^[a-z]{2,3}(-[A-Z]{2})?$/.test(contact.hs_language ?? "");
    if (info.problem === "script tag") return !Object.values(contact).some((value) => /<script/i.test(value));
    return false;
  };
}
