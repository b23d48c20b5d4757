import { randomUUID } from "node:crypto";
import { EMULATOR_PROPERTIES, type EmulatorProperty } from "./hubspot-emulator-properties";

/** A stored CRM record: property values are strings, as on the wire. */
export interface StoredObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** A stored list with its members (contact ids). */
export interface StoredList {
  listId: string;
  name: string;
  processingType: "MANUAL" | "SNAPSHOT" | "DYNAMIC";
  objectTypeId: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change of the list's definition or members (`listVersion`). */
  listVersion: number;
  members: Set<string>;
}

/** Inverse association type ids (HubSpot creates both directions). */
const INVERSE: Record<number, number> = { 279: 280, 280: 279, 1: 2, 2: 1, 3: 4, 4: 3, 341: 342, 342: 341, 5: 6, 6: 5, 19: 20, 20: 19 };
/**
 * Primary association type ids and the unlabeled type each implies: a primary association is
 * also an (unlabeled) association, and reads list both types.
 * https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4#association-type-id-values
 */
const PRIMARY_IMPLIES: Record<number, number> = { 1: 279, 2: 280, 5: 341, 6: 342 };

/** Object type ids and singular names per type (routes accept `contacts`, `contact` and `0-1`). */
export const OBJECT_TYPES: Record<string, { typeId: string; singular: string }> = {
  contacts: { typeId: "0-1", singular: "contact" },
  companies: { typeId: "0-2", singular: "company" },
  deals: { typeId: "0-3", singular: "deal" },
  products: { typeId: "0-7", singular: "product" },
  line_items: { typeId: "0-8", singular: "line_item" },
};

/** The plural object type name for `contacts`, `contact` or `0-1`; unknown names pass through. */
export function objectTypeName(name: string): string {
  const lower = name.toLowerCase();
  for (const [plural, info] of Object.entries(OBJECT_TYPES)) {
    if (lower === plural || lower === info.singular || lower === info.typeId) return plural;
  }
  return lower;
}

/** The emulator's in-memory HubSpot account: objects, properties, associations, lists. */
export class HubSpotStore {
  readonly objects = new Map<string, Map<string, StoredObject>>();
  readonly properties: Record<string, EmulatorProperty[]> = structuredClone(EMULATOR_PROPERTIES);
  /** `${type}:${id}` → `${toType}` → toId → type ids. */
  readonly associations = new Map<string, Map<string, Map<string, Set<number>>>>();
  readonly lists = new Map<string, StoredList>();
  /** `${entity}:${world key}` → HubSpot id of seeded records (world revisions find them here). */
  readonly worldIds = new Map<string, string>();
  /** `${type}:${property}` → lower-cased value → id, for unique properties (upserts look up by them). */
  private readonly unique = new Map<string, Map<string, string>>();
  private nextId = 100_000;
  private lastTime = 0;

  /** Server time for a write: now, strictly after the previous write (ms resolution). */
  now(): string {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  newId(): string {
    return String(++this.nextId);
  }

  type(objectType: string): Map<string, StoredObject> {
    let map = this.objects.get(objectType);
    if (!map) this.objects.set(objectType, (map = new Map()));
    return map;
  }

  property(objectType: string, name: string): EmulatorProperty | undefined {
    return this.properties[objectType]?.find((p) => p.name === name);
  }

  /** The last-modified property of a type (contacts differ). */
  modifiedProperty(objectType: string): string {
    return objectType === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
  }

  /** Insert or change a record; stamps created/modified times like HubSpot. */
  put(objectType: string, id: string | undefined, properties: Record<string, string>, at = this.now()): StoredObject {
    const map = this.type(objectType);
    const existing = id ? map.get(id) : undefined;
    const record: StoredObject = existing ?? { id: id ?? this.newId(), properties: {}, createdAt: at, updatedAt: at, archived: false };
    this.reindex(objectType, record, properties);
    Object.assign(record.properties, properties, { hs_object_id: record.id, [this.modifiedProperty(objectType)]: at });
    record.properties.createdate ??= record.createdAt;
    record.updatedAt = at;
    map.set(record.id, record);
    return record;
  }

  private reindex(objectType: string, record: StoredObject, properties: Record<string, string>): void {
    for (const [name, value] of Object.entries(properties)) {
      if (!this.property(objectType, name)?.hasUniqueValue) continue;
      let index = this.unique.get(`${objectType}:${name}`);
      if (!index) this.unique.set(`${objectType}:${name}`, (index = new Map()));
      const old = record.properties[name]?.toLowerCase();
      if (old !== undefined && index.get(old) === record.id) index.delete(old);
      if (value) index.set(value.toLowerCase(), record.id);
    }
  }

  /** Find a live record whose unique property equals `value` (emails compare case-insensitively). */
  findBy(objectType: string, property: string, value: string): StoredObject | undefined {
    const wanted = value.toLowerCase();
    const index = this.unique.get(`${objectType}:${property}`);
    if (index && this.property(objectType, property)?.hasUniqueValue) {
      const record = this.type(objectType).get(index.get(wanted) ?? "");
      return record && !record.archived && record.properties[property]?.toLowerCase() === wanted ? record : undefined;
    }
    for (const record of this.type(objectType).values()) {
      if (!record.archived && record.properties[property]?.toLowerCase() === wanted) return record;
    }
    return undefined;
  }

  /** Archive a record (HubSpot keeps it, listable with `archived=true`, for 90 days). */
  archive(objectType: string, id: string): boolean {
    const record = this.type(objectType).get(id);
    if (!record || record.archived) return false;
    record.archived = true;
    record.archivedAt = this.now();
    return true;
  }

  associate(fromType: string, fromId: string, toType: string, toId: string, typeId: number): void {
    this.link(fromType, fromId, toType, toId, typeId);
    const inverse = INVERSE[typeId];
    if (inverse !== undefined) this.link(toType, toId, fromType, fromId, inverse);
    const implied = PRIMARY_IMPLIES[typeId];
    if (implied !== undefined) this.associate(fromType, fromId, toType, toId, implied);
  }

  /** Remove every association between two records (both directions). */
  dissociate(fromType: string, fromId: string, toType: string, toId: string): void {
    this.associations.get(`${fromType}:${fromId}`)?.get(toType)?.delete(toId);
    this.associations.get(`${toType}:${toId}`)?.get(fromType)?.delete(fromId);
  }

  private link(fromType: string, fromId: string, toType: string, toId: string, typeId: number): void {
    const key = `${fromType}:${fromId}`;
    let byType = this.associations.get(key);
    if (!byType) this.associations.set(key, (byType = new Map()));
    let targets = byType.get(toType);
    if (!targets) byType.set(toType, (targets = new Map()));
    let types = targets.get(toId);
    if (!types) targets.set(toId, (types = new Set()));
    types.add(typeId);
  }

  associated(fromType: string, fromId: string, toType: string): Map<string, Set<number>> {
    return this.associations.get(`${fromType}:${fromId}`)?.get(toType) ?? new Map();
  }

  createList(name: string, processingType: StoredList["processingType"], objectTypeId = "0-1", at = this.now()): StoredList {
    const list: StoredList = {
      listId: String(this.lists.size + 1), name, processingType, objectTypeId,
      createdAt: at, updatedAt: at, listVersion: 1, members: new Set(),
    };
    this.lists.set(list.listId, list);
    return list;
  }
}

/** HubSpot's error body (spec `Error`): `status`, `message`, `correlationId`, `category`. */
export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status: "error", message, correlationId: randomUUID(), category, ...extra };
}
