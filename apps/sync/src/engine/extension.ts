import type { ConnectorV1 } from "@omnibridge/core-model";
import type { Migration } from "kysely";
import type { ConnectorSet } from "../compose";
import type { ConfigExtension, ResolvedConfig, ResolvedFlow } from "../config";
import { StateStore, type DeadLetterInput, type FlowResult } from "../state";
import type { ChangeEntry, PageHooks } from "./types";

/** What a run shares with its extensions. */
export interface RunScope {
  config: ResolvedConfig;
  store: StateStore;
  connectors: ConnectorSet;
  runId: number;
  dryRun: boolean;
  changes: ChangeEntry[] | undefined;
  /** Dead letters of the whole run; a step adds its own. */
  deadLetters: DeadLetterInput[];
  signal: AbortSignal | undefined;
}

/**
 * A step an extension runs once per run, reported like a flow (e.g. the segment step): before
 * the first flow `runsBefore` accepts, else after the last flow.
 */
export interface ExtensionStep {
  readonly name: string;
  runsBefore?(flow: ResolvedFlow): boolean;
  /** Undefined when there is nothing to do (nothing is reported then). */
  run(scope: RunScope): Promise<FlowResult | undefined>;
}

export type { PageHooks } from "./types";

/** What an extension adds to one flow: its page hooks and the connectors they write to. */
export interface FlowExtension {
  hooks: PageHooks;
  /** Connectors the hooks write to besides the flow's own (their requests count for the flow). */
  connectors?: readonly ConnectorV1[];
}

/**
 * A feature beside the engine (marketing; the shop order loop; the dashboard): its config part,
 * its tables, the read-only sources it adds, steps around flows and hooks inside a page's
 * transaction. The engine calls these and knows no feature by name.
 */
export interface SyncExtension extends ConfigExtension {
  /** Its tables, by unique migration name (applied with the core ones when the state opens). */
  readonly migrations?: Readonly<Record<string, Migration>>;
  /** Steps it runs once per run. */
  readonly steps?: readonly ExtensionStep[];
  /**
   * What it adds to one flow, or undefined when it has nothing to do with it. Called when the
   * flow is bound (once per run; once per process in a worker): bind connectors here, not per page.
   */
  forFlow?(flow: ResolvedFlow, scope: { config: ResolvedConfig; connectors: ConnectorSet }): Promise<FlowExtension | undefined>;
}

/**
 * The engine's extensions of a config. The composition root resolves the config with
 * `SyncExtension`s; the config layer keeps them as their config side only, since it must not
 * know the engine's types.
 */
export function extensionsOf(config: ResolvedConfig): readonly SyncExtension[] {
  return config.extensions as readonly SyncExtension[];
}

/** Every migration the config's extensions bring. */
export function migrationsOf(config: ResolvedConfig): Record<string, Migration> {
  return Object.assign({}, ...extensionsOf(config).map((e) => e.migrations ?? {})) as Record<string, Migration>;
}

/** Open the state of a config, with its extensions' tables. */
export function openStore(config: ResolvedConfig, url: string): Promise<StateStore> {
  return StateStore.open(url, config.baseDir, { migrations: migrationsOf(config) });
}
