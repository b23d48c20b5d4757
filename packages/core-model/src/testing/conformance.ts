import { entitySchemas, type EntityKind } from "../entities";
import { CONNECTOR_CONTRACT_V1, type ConnectorV1 } from "../contracts/connector";
import type { Page } from "../contracts/stream";
import { isConnectorError, type ConnectorError } from "../errors/connector-error";

/** One named conformance check; `run` throws an Error describing the violation. */
export interface ConformanceCheck {
  name: string;
  run: () => Promise<void>;
}

/** What the conformance suite needs to exercise an adapter. */
export interface ConformanceSubject {
  /** Creates a connector against a freshly seeded vendor (or emulator) with ≥2 pages of each entity. */
  connect: () => Promise<ConnectorV1>;
  /** Entity kinds to read; defaults to every readable kind in the capabilities. */
  entities?: EntityKind[];
  /** Page size small enough that each entity spans at least two pages. */
  pageSize: number;
}

function fail(message: string): never {
  throw new Error(message);
}

async function readAll(connector: ConnectorV1, entity: EntityKind, pageSize: number, cursor?: string | null) {
  const pages: Page<{ key: string }>[] = [];
  for await (const page of connector.read(entity, { pageSize, cursor })) {
    pages.push(page as Page<{ key: string }>);
    if (pages.length > 100_000) fail(`${entity}: read did not stop`);
  }
  return pages;
}

/**
 * The shared checks every connector must pass: contract shape, schema-valid pages, unique
 * keys, cursor resume without loss, quiet incremental reads, `check()`, and error hygiene.
 * Framework-free: wrap each check in your test runner (`for (const c of checks) it(c.name, c.run)`).
 */
export function connectorConformance(subject: ConformanceSubject): ConformanceCheck[] {
  const withConnector = (fn: (connector: ConnectorV1) => Promise<void>) => async () => {
    const connector = await subject.connect();
    try {
      await fn(connector);
    } finally {
      await connector.close();
    }
  };
  const kinds = async (connector: ConnectorV1) =>
    subject.entities ??
    (Object.entries(connector.capabilities).filter(([, c]) => c?.read).map(([k]) => k) as EntityKind[]);

  const checks: ConformanceCheck[] = [
    {
      name: "declares contract v1 and well-formed capabilities",
      run: withConnector(async (connector) => {
        if (connector.contract !== CONNECTOR_CONTRACT_V1) fail(`contract is ${String(connector.contract)}`);
        if (!connector.vendor || !connector.system) fail("vendor and system must be set");
        for (const [kind, cap] of Object.entries(connector.capabilities)) {
          if (!(kind in entitySchemas)) fail(`unknown entity kind ${kind}`);
          if (!cap || !Number.isInteger(cap.maxBatchSize) || cap.maxBatchSize < 1) fail(`${kind}: maxBatchSize must be ≥ 1`);
          if (cap.delta && !cap.read) fail(`${kind}: delta without read`);
        }
      }),
    },
    {
      name: "check() succeeds and reports latency",
      run: withConnector(async (connector) => {
        const result = await connector.check();
        if (!result.ok) fail(`check failed: ${result.message}`);
        if (!(result.latencyMs >= 0)) fail("latencyMs must be ≥ 0");
      }),
    },
    {
      name: "full reads yield schema-valid records with unique keys over several pages",
      run: withConnector(async (connector) => {
        for (const entity of await kinds(connector)) {
          const pages = await readAll(connector, entity, subject.pageSize);
          const keys = new Set<string>();
          for (const page of pages) {
            for (const item of page.items) {
              const parsed = entitySchemas[entity].safeParse(item);
              if (!parsed.success) fail(`${entity} ${item.key}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
              if (keys.has(item.key)) fail(`${entity}: key ${item.key} read twice in one full read`);
              keys.add(item.key);
            }
          }
          if (keys.size === 0) fail(`${entity}: no records read; seed the subject with data`);
          if (pages.length < 2) fail(`${entity}: expected ≥ 2 pages at pageSize ${subject.pageSize}, got ${pages.length}`);
          if (pages.at(-1)?.hasMore !== false) fail(`${entity}: last page must have hasMore=false`);
        }
      }),
    },
    {
      name: "resuming from a page's cursor loses nothing and the final cursor reads nothing new",
      run: withConnector(async (connector) => {
        for (const entity of await kinds(connector)) {
          if (!connector.capabilities[entity]?.delta) continue;
          const pages = await readAll(connector, entity, subject.pageSize);
          const all = new Set(pages.flatMap((p) => p.items.map((i) => i.key)));
          const first = pages[0];
          if (!first?.cursor) fail(`${entity}: first page has no cursor`);
          const rest = await readAll(connector, entity, subject.pageSize, first.cursor);
          const seen = new Set([...first.items.map((i) => i.key), ...rest.flatMap((p) => p.items.map((i) => i.key))]);
          for (const key of all) if (!seen.has(key)) fail(`${entity}: ${key} lost when resuming from the first page's cursor`);
          const last = pages.at(-1)?.cursor;
          if (!last) fail(`${entity}: last page has no cursor to resume incremental reads from`);
          const after = await readAll(connector, entity, subject.pageSize, last);
          const again = after.flatMap((p) => p.items.map((i) => i.key));
          if (again.length > 0) fail(`${entity}: reading from the final cursor returned ${again.length} unchanged records`);
        }
      }),
    },
    {
      name: "writing nothing is a no-op and archive of nothing returns nothing",
      run: withConnector(async (connector) => {
        for (const [kind, cap] of Object.entries(connector.capabilities)) {
          if (cap?.write && (await connector.write(kind as EntityKind, [])).length !== 0) fail(`${kind}: write([]) returned outcomes`);
          if (cap?.archive && (await connector.archive(kind as EntityKind, [])).length !== 0) fail(`${kind}: archive([]) returned outcomes`);
        }
      }),
    },
    {
      name: "an unsupported entity is rejected synchronously, at call time, with a ConnectorError",
      run: withConnector(async (connector) => {
        const all = Object.keys(entitySchemas) as EntityKind[];
        const attempts: Array<[string, (kind: EntityKind) => unknown, (kind: EntityKind) => boolean]> = [
          ["read", (kind) => connector.read(kind), (kind) => connector.capabilities[kind]?.read === true],
          ["write", (kind) => connector.write(kind, []), (kind) => connector.capabilities[kind]?.write === true],
          ["archive", (kind) => connector.archive(kind, []), (kind) => connector.capabilities[kind]?.archive === true],
        ];
        for (const [operation, call, supported] of attempts) {
          for (const kind of all.filter((k) => !supported(k))) {
            let thrown: unknown;
            try {
              const result = call(kind);
              if (result instanceof Promise) result.catch(() => undefined);
            } catch (error) {
              thrown = error;
            }
            if (thrown === undefined) fail(`${operation}(${kind}) is not supported but did not throw at call time`);
            assertConnectorError(thrown);
            if (thrown.reason !== "invalid") fail(`${operation}(${kind}): reason ${thrown.reason}, expected invalid`);
          }
        }
      }),
    },
    {
      name: "an aborted signal stops reads and writes with a ConnectorError",
      run: withConnector(async (connector) => {
        const signal = AbortSignal.abort();
        for (const entity of await kinds(connector)) {
          let thrown: unknown;
          try {
            for await (const page of connector.read(entity, { pageSize: subject.pageSize, signal })) void page;
          } catch (error) {
            thrown = error;
          }
          if (thrown === undefined) fail(`${entity}: read with an aborted signal completed`);
          assertConnectorError(thrown);
        }
        for (const [kind, cap] of Object.entries(connector.capabilities)) {
          if (!cap?.write) continue;
          let thrown: unknown;
          try {
            await connector.write(kind as EntityKind, [{ key: "conformance-aborted" }] as never, { signal });
          } catch (error) {
            thrown = error;
          }
          if (thrown === undefined) fail(`${kind}: write with an aborted signal completed`);
          assertConnectorError(thrown);
        }
      }),
    },
    {
      name: "metrics count requests",
      run: withConnector(async (connector) => {
        await connector.check();
        const metrics = connector.metrics();
        if (!(metrics.requests >= 1)) fail("metrics.requests must count the check request");
        if (metrics.retries < 0 || metrics.rateLimited < 0) fail("metrics must not be negative");
      }),
    },
  ];
  return checks;
}

/** Assert that `error` is a ConnectorError (adapters never leak transport errors). */
export function assertConnectorError(error: unknown): asserts error is ConnectorError {
  if (!isConnectorError(error)) fail(`expected a ConnectorError, got ${error instanceof Error ? error.name : typeof error}`);
}
