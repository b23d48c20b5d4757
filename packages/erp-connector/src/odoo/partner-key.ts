/**
 * Canonical keys of Odoo partners. A partner with a customer number (`ref`) is keyed by it; most
 * real databases leave `ref` empty, so a partner without one is keyed by its database id:
 * `<system>:res.partner:<id>` (`odoo:res.partner:42` with the default system name). That key is
 * stable for the partner's life, is never written into Odoo (no `ref` is invented), and a write of
 * a record with such a key updates that same partner by id instead of creating another.
 */
const ID_KEY = /^(.+):res\.partner:(\d+)$/;

/** The canonical key of a partner: its `ref`, else `<system>:res.partner:<id>`. */
export function partnerKeyOf(system: string, id: number, ref: string | null | undefined): string {
  return ref || `${system}:res.partner:${id}`;
}

/** The res.partner id an id-derived key of this system names, else undefined. */
export function partnerIdOfKey(system: string, key: string): number | undefined {
  const match = ID_KEY.exec(key);
  return match && match[1] === system ? Number(match[2]) : undefined;
}

/**
 * External id (`omnibridge.walk-in`) of the partner anonymous orders are booked on. It is the
 * integration's placeholder, not a customer: partner reads skip it (counted), order reads give
 * its orders no customer.
 */
export const ANONYMOUS_PARTNER_KEY = "walk-in";
