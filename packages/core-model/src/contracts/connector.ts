import type { EntityKind, EntityOf } from "../entities";
import type { Page, ReadOptions, WriteOptions, WriteOutcome } from "./stream";

/** The contract version string every V1 connector declares. */
export const CONNECTOR_CONTRACT_V1 = "omnibridge.connector/v1" as const;

/** The role a system plays in the retailer's landscape (`shop`: a storefront such as Shopware or Medusa). */
export type SystemRole = "erp" | "pim" | "crm" | "cms" | "shop";

/** What a connector can do with one entity kind. */
export interface EntityCapability {
  /** Full reads. */
  read: boolean;
  /** Incremental reads from a cursor (only changes since). */
  delta: boolean;
  /** Upserts by a stable key. */
  write: boolean;
  /** Archive / delete by key. */
  archive: boolean;
  /** Largest number of records the vendor accepts in one write request. */
  maxBatchSize: number;
  /**
   * Write calls (each of at most `maxBatchSize` records) the connector takes in flight at once;
   * its rate budget still paces the requests. Absent means 1: one batch at a time.
   */
  writeConcurrency?: number;
}

/** Capabilities per entity kind; absent kinds are not supported. */
export type Capabilities = Partial<Record<EntityKind, EntityCapability>>;

/** Result of a credentials and reachability check. */
export interface CheckResult {
  ok: boolean;
  /** Round trip of the check, in milliseconds. */
  latencyMs: number;
  /** What was checked (`authenticated as … on …`) or why it failed. Never contains secrets. */
  message: string;
}

/** Request counters of a connector since it was created. */
export interface ConnectorMetrics {
  requests: number;
  retries: number;
  rateLimited: number;
}

/**
 * A rate budget shared by everything that calls one vendor account. connector-kit provides a
 * token bucket; a distributed deployment passes a Redis-backed one with the same shape.
 */
export interface RateBudget {
  /** Resolves once `cost` requests may be made now. */
  acquire(cost?: number, signal?: AbortSignal): Promise<void>;
}

/** Structured logger; connectors never pass secrets to it. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Version 1 of the connector contract. Adapters map a vendor API to canonical records and
 * back; they throw only `ConnectorError`, and report per-record problems in pages and
 * write outcomes instead of throwing.
 */
export interface ConnectorV1 {
  /** Contract this connector implements. */
  readonly contract: typeof CONNECTOR_CONTRACT_V1;
  /** Vendor adapter name (`odoo`, `akeneo`, `hubspot`, `wordpress`, `contentful`). */
  readonly vendor: string;
  /** The system id this instance was configured as (defaults to the vendor name). */
  readonly system: string;
  /** Role of the system. */
  readonly role: SystemRole;
  /** What it supports per entity kind. */
  readonly capabilities: Capabilities;
  /** Verify credentials and reachability. Never throws. */
  check(): Promise<CheckResult>;
  /** Stream pages of an entity kind, from `options.cursor` when given. */
  read<K extends EntityKind>(entity: K, options?: ReadOptions): AsyncIterable<Page<EntityOf<K>>>;
  /** Upsert records idempotently by their stable key; one outcome per record, in order. */
  write<K extends EntityKind>(entity: K, records: readonly EntityOf<K>[], options?: WriteOptions): Promise<WriteOutcome[]>;
  /** Archive (or delete, where the vendor cannot archive) records by canonical key. */
  archive<K extends EntityKind>(entity: K, keys: readonly string[], options?: WriteOptions): Promise<WriteOutcome[]>;
  /** Request counters. */
  metrics(): ConnectorMetrics;
  /** Release sockets and timers. */
  close(): Promise<void>;
}

/** Any supported connector contract version. */
export type Connector = ConnectorV1;
