import type { MedusaSettings } from "../medusa-settings";

/** What the mappers need from the settings. */
export interface MedusaMapContext {
  system: string;
  locale: string;
  settings: MedusaSettings;
  /** Canonical location key of a Medusa stock location id (mapped keys, else the id itself). */
  locationKeyOf(locationId: string): string;
  /** Medusa stock location id of a canonical key (mapped ids, else a `sloc_…` key is the id). */
  locationIdOf(key: string): string | undefined;
}

/** Build the mapping context from the settings. */
export function medusaMapContext(settings: MedusaSettings): MedusaMapContext {
  const keys = new Map(Object.entries(settings.locations).map(([key, id]) => [id, key]));
  return {
    system: settings.system,
    locale: settings.locale,
    settings,
    locationKeyOf: (id) => keys.get(id) ?? id,
    locationIdOf: (key) => (Object.hasOwn(settings.locations,
      key) ? settings.locations[key] : /^sloc_[0-9A-Za-z]+$/.test(key) ? key : undefined),
  };
}

/** Medusa timestamps as canonical ISO strings (`…Z`). */
export function isoOf(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** The later of ISO timestamps. */
export function latestOf(values: Array<string | null | undefined>): string | undefined {
  let best: string | undefined;
  for (const value of values) if (value && (!best || Date.parse(value) > Date.parse(best))) best = value;
  return best;
}
