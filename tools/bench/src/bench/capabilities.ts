import type { ConnectorV1 } from "@omnibridge/core-model";
import { createOdooConnector } from "@omnibridge/erp-connector";
import { createAkeneoConnector } from "@omnibridge/pim-connector";
import { createHubSpotConnector } from "@omnibridge/crm-connector";
import type { Systems, SystemId } from "../shared/systems";

/** Largest write batch per system and entity, as each connector declares it (`capabilities[entity].maxBatchSize`). */
export type BatchLimits = Record<SystemId, Record<string, number>>;

/** Read every connector's declared batch limits (connectors are built, never called). */
export async function batchLimits(systems: Systems): Promise<BatchLimits> {
  const connectors: Record<SystemId, ConnectorV1> = {
    odoo: createOdooConnector({ ...systems.odoo.settings }),
    akeneo: createAkeneoConnector({ ...systems.akeneo.settings }),
    hubspot: createHubSpotConnector({ ...systems.hubspot.settings }),
  };
  const out = {} as BatchLimits;
  for (const [system, connector] of Object.entries(connectors) as Array<[SystemId, ConnectorV1]>) {
    out[system] = Object.fromEntries(Object.entries(connector.capabilities).map(([entity, c]) => [entity, c?.maxBatchSize ?? 1]));
    await connector.close();
  }
  return out;
}
