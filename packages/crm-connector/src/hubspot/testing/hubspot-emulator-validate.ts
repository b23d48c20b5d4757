import type { HubSpotStore } from "./hubspot-emulator-store";

/** A per-input problem, shaped as HubSpot's `errors[]` detail. */
export interface PropertyProblem {
  message: string;
  code: string;
  in: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function valueProblem(store: HubSpotStore, objectType: string, name: string, value: unknown): PropertyProblem | undefined {
  const definition = store.property(objectType, name);
  if (!definition) return { message: `Property "${name}" does not exist`, code: "PROPERTY_DOESNT_EXIST", in: name };
  if (value === null || value === "") return undefined;
  const text = String(value);
  if (definition.type === "number" && !Number.isFinite(Number(text))) return { message: `${JSON.stringify(text)} was not a valid number.`, code: "INVALID_DECIMAL", in: name };
  if (definition.type === "datetime" && !(/^\d+$/.test(text) || Number.isFinite(Date.parse(text)))) {
    return { message: `${JSON.stringify(text)} was not a valid long or ISO 8601 date.`, code: "INVALID_DATE", in: name };
  }
  if (definition.type === "enumeration" && !definition.options?.includes(text)) {
    return { message: `${JSON.stringify(text)} was not one of the allowed options: [${definition.options?.join(", ")}]`, code: "INVALID_OPTION", in: name };
  }
  if (objectType === "contacts" && name === "email" && !EMAIL.test(text)) return { message: `Email address ${text} is invalid`, code: "INVALID_EMAIL", in: name };
  return undefined;
}

/**
 * Validate the properties of one write input like HubSpot does: unknown properties, wrong types,
 * invalid options and e-mails, and unique-value conflicts with other records.
 */
export function validateProperties(store: HubSpotStore, objectType: string, properties: unknown, selfId?: string): PropertyProblem[] {
  if (!properties || typeof properties !== "object" || Array.isArray(properties)) return [{ message: "properties must be an object", code: "INVALID_BODY", in: "properties" }];
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(properties as Record<string, unknown>)) {
    const problem = valueProblem(store, objectType, name, value);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (store.property(objectType, name)?.hasUniqueValue && value) {
      const holder = store.findBy(objectType, name, String(value));
      if (holder && holder.id !== selfId) problems.push({ message: `A record with ${name} ${String(value)} already exists (id ${holder.id})`, code: "DUPLICATE_VALUE", in: name });
    }
  }
  return problems;
}

/** Normalise values to the strings HubSpot stores (datetimes become ISO). */
export function storedValues(store: HubSpotStore, objectType: string, properties: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    const text = value == null ? "" : String(value);
    const type = store.property(objectType, name)?.type;
    out[name] = type === "datetime" && /^\d+$/.test(text) ? new Date(Number(text)).toISOString() : name === "email" ? text.toLowerCase() : text;
  }
  return out;
}
