import type { ConnectorV1, SystemRole } from "@omnibridge/core-model";
import type { z } from "zod";

/** What an adapter factory gets besides its settings. */
export interface AdapterContext {
  /** The system id from the config (`odoo`, `shop-cms`). */
  system: string;
  /** Role override from the config, if any. */
  role?: SystemRole | undefined;
}

/** Builds a connector from settings; connector packages' `create<Vendor>Connector` are wrapped into this. */
export type AdapterFactory = (settings: Record<string, unknown>, context: AdapterContext) => ConnectorV1 | Promise<ConnectorV1>;

/** What resolving an extension's config part may look at. */
export interface ConfigPartContext {
  /** Configured system ids. */
  systems: ReadonlySet<string>;
}

/**
 * The config side of an extension (the engine's `SyncExtension` builds on it): the top-level keys
 * and per-flow keys it adds to the config file, how it resolves them, and the adapters it adds.
 * The config layer knows extensions only through this shape, never by name.
 */
export interface ConfigExtension {
  /** Unique name; its resolved part is `config.parts[name]`. */
  readonly name: string;
  /** Top-level config keys it owns, each with its schema (defaults apply when absent). */
  readonly config?: Readonly<Record<string, z.ZodType>>;
  /** Keys it adds to every flow (e.g. `lifetime: true`), each with its schema. */
  readonly flowConfig?: Readonly<Record<string, z.ZodType>>;
  /** Validate and resolve its top-level keys (parsed values by key); push problems as `path: message`. */
  resolve?(parsed: Readonly<Record<string, unknown>>, context: ConfigPartContext, problems: string[]): unknown;
  /** Adapters it adds (e.g. read-only sources kept in the config). */
  readonly adapters?: Readonly<Record<string, AdapterFactory>>;
}
