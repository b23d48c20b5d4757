import type { ShopwareSettings } from "../shopware-settings";

/** What mappers need from the settings, with the id → key lookups reversed once. */
export interface ShopwareMapContext {
  system: string;
  locale: string;
  settings: ShopwareSettings;
  /** Canonical channel key per sales channel id. */
  channelKeyOf(salesChannelId: string): string;
  /** Canonical customer-group key per group id. */
  groupKeyOf(groupId: string): string;
  /** ISO code per Shopware currency id. */
  currencyOf(currencyId: string): string | undefined;
}

function reverse(record: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(record).map(([key, id]) => [id, key]));
}

/** Build the mapping context of a connector. Unmapped ids stand for themselves (a stable key either way). */
export function shopwareMapContext(settings: ShopwareSettings): ShopwareMapContext {
  const channels = reverse(settings.salesChannels);
  const groups = reverse(settings.customerGroups);
  const currencies = reverse(settings.currencies);
  return {
    system: settings.system,
    locale: settings.locale,
    settings,
    channelKeyOf: (id) => channels.get(id) ?? id,
    groupKeyOf: (id) => groups.get(id) ?? id,
    currencyOf: (id) => currencies.get(id),
  };
}
