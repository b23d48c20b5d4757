import type { ConnectorV1, SystemRole } from "@omnibridge/core-model";

/** What an adapter factory gets besides its settings. */
export interface AdapterContext {
  /** The system id from the config (`odoo`, `shop-cms`). */
  system: string;
  /** Role override from the config, if any. */
  role?: SystemRole | undefined;
}

/** Builds a connector from settings; connector packages' `create<Vendor>Connector` are wrapped into this. */
export type AdapterFactory = (settings: Record<string, unknown>, context: AdapterContext) => ConnectorV1 | Promise<ConnectorV1>;
