import {
  CONNECTOR_CONTRACT_V1, ConnectorError, type Capabilities, type CheckResult, type ConnectorMetrics, type ConnectorV1,
  type EntityKind, type EntityOf, type Page, type ReadOptions, type SystemRole, type WriteOutcome,
} from "@omnibridge/core-model";

/** Options a handler receives: the caller's options with the abort signal always present. */
export type HandlerReadOptions = Omit<ReadOptions, "signal"> & { signal: AbortSignal };

/** What one entity kind supports: each present handler turns its capability flag on. */
export interface EntityHandlers<K extends EntityKind> {
  /** Stream pages of canonical records from `options.cursor`. */
  read?: (options: HandlerReadOptions) => AsyncIterable<Page<EntityOf<K>>>;
  /** True when `read` resumes from a cursor with only the changes since (default: true when read exists). */
  delta?: boolean;
  /** Upsert records; one key-matched outcome per record. Never called with an empty list. */
  write?: (records: readonly EntityOf<K>[], options: { signal: AbortSignal }) => Promise<WriteOutcome[]>;
  /** Archive records by canonical key. Never called with an empty list. */
  archive?: (keys: readonly string[], options: { signal: AbortSignal }) => Promise<WriteOutcome[]>;
  /** Largest number of records the vendor accepts in one write request (default 1). */
  maxBatchSize?: number;
  /** Write calls the connector takes in flight at once (default 1); its rate budget paces them. */
  writeConcurrency?: number;
}

/** Handlers per entity kind, each typed with its own canonical record type. */
export type EntityTable = { [K in EntityKind]?: EntityHandlers<K> };

/** Everything vendor-specific about a connector; {@link defineConnector} does the rest. */
export interface ConnectorDefinition {
  vendor: string;
  /** The configured system id (settings.system). */
  system: string;
  role: SystemRole;
  entities: EntityTable;
  /**
   * Verify credentials and reachability: resolve with what was checked (`authenticated as … on …`),
   * or with `{ ok: false, message }`, or throw a ConnectorError. Never put secrets in the message.
   */
  check: (signal: AbortSignal) => Promise<string | { ok: boolean; message: string }>;
  metrics: () => ConnectorMetrics;
  close: () => void | Promise<void>;
  /** Turn an unexpected error into a ConnectorError (default: `internal`, message without secrets). */
  wrapError?: (error: unknown) => ConnectorError;
}

type Operation = "read" | "write" | "archive";

/** The ConnectorError for an aborted operation (the signal's reason when it already is one). */
export function abortError(system: string, operation: string, signal: AbortSignal): ConnectorError {
  if (ConnectorError.is(signal.reason)) return signal.reason;
  return new ConnectorError("timeout", `${system}: ${operation} aborted`, { system, operation, vendorCode: "aborted", cause: signal.reason });
}

function capabilitiesOf(entities: EntityTable): Capabilities {
  const capabilities: Capabilities = {};
  for (const [kind, handlers] of Object.entries(entities) as Array<[EntityKind, EntityHandlers<EntityKind> | undefined]>) {
    if (!handlers) continue;
    capabilities[kind] = {
      read: handlers.read !== undefined,
      delta: handlers.read !== undefined && (handlers.delta ?? true),
      write: handlers.write !== undefined,
      archive: handlers.archive !== undefined,
      maxBatchSize: Math.max(1, Math.trunc(handlers.maxBatchSize ?? 1)),
      ...(handlers.write && handlers.writeConcurrency !== undefined
        ? { writeConcurrency: Math.max(1, Math.trunc(handlers.writeConcurrency)) }
        : {}),
    };
  }
  return capabilities;
}

/** Iterate `source`, stopping with a ConnectorError as soon as `signal` aborts; other errors are wrapped. */
async function* guarded<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
  wrap: (error: unknown) => ConnectorError,
  aborted: () => ConnectorError,
) {
  const iterator = source[Symbol.asyncIterator]();
  let onAbortListener: (() => void) | undefined;
  const onAbort = new Promise<never>((_, reject) => {
    onAbortListener = () => reject(aborted());
    signal.addEventListener("abort", onAbortListener, { once: true });
  });
  onAbort.catch(() => undefined);
  try {
    while (true) {
      if (signal.aborted) throw aborted();
      let step: IteratorResult<T>;
      try {
        step = await Promise.race([iterator.next(), onAbort]);
      } catch (error) {
        throw signal.aborted ? aborted() : wrap(error);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    if (onAbortListener) signal.removeEventListener("abort", onAbortListener);
    // Let the source release its resources (its own finally blocks); never wait on a hung request.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/**
 * Build a {@link ConnectorV1} from per-entity handlers: the one place for entity dispatch,
 * capabilities, `check()` timing, unsupported-entity errors (thrown synchronously at call time),
 * abort signals (reads stop between and during pages, writes before they start) and error wrapping.
 * Handlers are typed per entity kind, so adapters need no casts.
 */
export function defineConnector(definition: ConnectorDefinition): ConnectorV1 {
  const { vendor, system, entities } = definition;
  const wrap = (error: unknown): ConnectorError => {
    if (ConnectorError.is(error)) return error;
    if (definition.wrapError) return definition.wrapError(error);
    const message = error instanceof Error ? error.message : String(error);
    return new ConnectorError("internal", `${system}: ${message}`, { system, cause: error });
  };
  const handler = <O extends Operation>(entity: EntityKind, operation: O) => {
    const found = Object.hasOwn(entities, entity) ? entities[entity]?.[operation] : undefined;
    if (!found) {
      const verb = operation === "read" ? "read" : operation === "write" ? "write" : "archive";
      throw new ConnectorError("invalid", `${system} (${vendor}) does not ${verb} ${String(entity)}`, { system, operation: `${operation} ${String(entity)}` });
    }
    return found as NonNullable<EntityHandlers<EntityKind>[O]>;
  };
  const neverAborted = new AbortController().signal;
  const run = async (operation: string, signal: AbortSignal, call: () => Promise<WriteOutcome[]>) => {
    if (signal.aborted) throw abortError(system, operation, signal);
    try {
      return await call();
    } catch (error) {
      throw signal.aborted ? abortError(system, operation, signal) : wrap(error);
    }
  };

  return {
    contract: CONNECTOR_CONTRACT_V1,
    vendor,
    system,
    role: definition.role,
    capabilities: capabilitiesOf(entities),
    async check(): Promise<CheckResult> {
      const started = performance.now();
      try {
        const result = await definition.check(AbortSignal.timeout(60_000));
        const { ok, message } = typeof result === "string" ? { ok: true, message: result } : result;
        return { ok, message, latencyMs: performance.now() - started };
      } catch (error) {
        return { ok: false, message: wrap(error).message, latencyMs: performance.now() - started };
      }
    },
    read<K extends EntityKind>(entity: K, options: ReadOptions = {}): AsyncIterable<Page<EntityOf<K>>> {
      const read = handler(entity, "read") as (options: HandlerReadOptions) => AsyncIterable<Page<EntityOf<K>>>;
      const signal = options.signal ?? neverAborted;
      const aborted = () => abortError(system, `read ${entity}`, signal);
      if (signal.aborted) throw aborted();
      return {
        [Symbol.asyncIterator]: () => {
          try {
            return guarded(read({ ...options, signal }), signal, wrap, aborted);
          } catch (error) {
            throw wrap(error);
          }
        },
      };
    },
    write<K extends EntityKind>(entity: K, records: readonly EntityOf<K>[], options: { signal?: AbortSignal } = {}) {
      const write = handler(entity, "write") as (records: readonly EntityOf<K>[], options: { signal: AbortSignal }) => Promise<WriteOutcome[]>;
      const signal = options.signal ?? neverAborted;
      if (records.length === 0) return Promise.resolve([]);
      return run(`write ${entity}`, signal, () => write(records, { signal }));
    },
    archive(entity, keys, options = {}) {
      const archive = handler(entity, "archive");
      const signal = options.signal ?? neverAborted;
      if (keys.length === 0) return Promise.resolve([]);
      return run(`archive ${entity}`, signal, () => archive(keys, { signal }));
    },
    metrics: () => definition.metrics(),
    close: async () => {
      await definition.close();
    },
  };
}
