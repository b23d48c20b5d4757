import type { EntityKind } from "../entities";
import type { SystemRole } from "./connector";

/** Owner per field of one entity kind: `default` for fields not listed. */
export interface EntityOwnership {
  default: string;
  fields?: Record<string, string>;
}

/** Field ownership rules per entity kind; owners are role names or system ids. */
export type OwnershipRules = Partial<Record<EntityKind, EntityOwnership>>;

/**
 * Default ownership (DESIGN §1): the PIM owns product content, the ERP prices, stock, order
 * status, customer numbers and invoicing data, the CRM contact data, consent and segments,
 * the CMS content entries.
 */
export const DEFAULT_OWNERSHIP: Readonly<Record<EntityKind, EntityOwnership & { default: SystemRole }>> = {
  product: { default: "pim", fields: { gtin: "erp", weight: "erp" } },
  category: { default: "pim" },
  attribute: { default: "pim" },
  priceList: { default: "erp" },
  price: { default: "erp" },
  location: { default: "erp" },
  stockLevel: { default: "erp" },
  customer: {
    default: "crm",
    fields: { customerNumber: "erp", customerGroup: "erp", addresses: "erp", lifetime: "erp", segments: "crm", consent: "crm" },
  },
  company: {
    default: "crm",
    fields: {
      customerNumber: "erp", customerGroup: "erp", vatId: "erp", priceListKey: "erp", paymentTermsDays: "erp",
      creditLimit: "erp", addresses: "erp", lifetime: "erp",
    },
  },
  // The shop that took an order knows its payment (the ERP's reading is a default until invoiced).
  order: { default: "erp", fields: { paymentStatus: "shop" } },
  promotion: { default: "erp" },
  campaign: { default: "crm" },
  segment: { default: "crm" },
  contentEntry: { default: "cms" },
};

/** The owner of `field` of `entity` under `rules`, falling back to the defaults. */
export function ownerOf(entity: EntityKind, field: string, rules: OwnershipRules = DEFAULT_OWNERSHIP): string {
  const entityRules = rules[entity] ?? DEFAULT_OWNERSHIP[entity];
  return entityRules.fields?.[field] ?? entityRules.default;
}
