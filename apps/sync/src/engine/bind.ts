import type { ConnectorV1, EntityKind } from "@omnibridge/core-model";
import type { ConnectorSet } from "../compose";
import type { ResolvedConfig, ResolvedFlow, ResolvedTarget } from "../config";
import type { BoundTarget } from "./types";

/** A flow that cannot run as configured (missing capability): a config error, exit code 2. */
export class BindError extends Error {
  override readonly name = "BindError";
}

/** The source connector of a flow, checked for read support. */
export async function bindSource(connectors: ConnectorSet, flow: ResolvedFlow): Promise<{ connector: ConnectorV1; role: string }> {
  const connector = await connectors.get(flow.source.system);
  const capability = connector.capabilities[flow.source.entity];
  if (!capability?.read) throw new BindError(`${flow.name}: system "${flow.source.system}" (${connector.vendor}) cannot read ${flow.source.entity}`);
  return { connector, role: await connectors.role(flow.source.system) };
}

/** A target bound to its connector, checked for write support. */
export async function bindTarget(connectors: ConnectorSet, flowName: string, target: ResolvedTarget): Promise<BoundTarget> {
  const connector = await connectors.get(target.system);
  const capability = connector.capabilities[target.entity];
  if (!capability?.write) throw new BindError(`${flowName}: system "${target.system}" (${connector.vendor}) cannot write ${target.entity}`);
  return {
    ...target, connector, role: await connectors.role(target.system),
    maxBatchSize: Math.max(1, capability.maxBatchSize), canArchive: capability.archive,
  };
}

/** Targets of every flow whose source is a customer or company (where lifetime figures go). */
export async function bindPartyTargets(connectors: ConnectorSet, config: ResolvedConfig): Promise<Partial<Record<"customer" | "company", BoundTarget[]>>> {
  const out: Partial<Record<"customer" | "company", BoundTarget[]>> = {};
  for (const flow of config.flows) {
    const entity: EntityKind = flow.source.entity;
    if (entity !== "customer" && entity !== "company") continue;
    for (const target of flow.targets) {
      if (target.entity !== entity) continue;
      if ((out[entity] ?? []).some((t) => t.system === target.system)) continue;
      (out[entity] ??= []).push(await bindTarget(connectors, flow.name, target));
    }
  }
  return out;
}
