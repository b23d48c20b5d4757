import type { OdooClient } from "../odoo-client";

/** What every stream needs: the client, naming, version, locale, paging and cancellation. */
export interface StreamContext {
  client: OdooClient;
  system: string;
  version: number;
  /** Canonical locale of Odoo's translatable fields (settings.lang). */
  locale: string;
  cursor?: string | null;
  pageSize: number;
  signal?: AbortSignal;
}
