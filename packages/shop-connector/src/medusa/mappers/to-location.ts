import type { EntityInputOf } from "@omnibridge/core-model";
import type { MedusaStockLocation } from "../medusa-api";
import { isoOf, type MedusaMapContext } from "./medusa-context";

/**
 * A Medusa stock location → canonical location. A location with a `pickup` fulfillment set (Medusa's
 * in-store pickup) is a store with click & collect; any other is a warehouse.
 * https://docs.medusajs.com/resources/commerce-modules/fulfillment/fulfillment-set (type "pickup")
 */
export function toLocation(location: MedusaStockLocation, context: MedusaMapContext): EntityInputOf<"location"> {
  const pickup = (location.fulfillment_sets ?? []).some((set) => set.type === "pickup");
  const country = location.address?.country_code;
  return {
    key: context.locationKeyOf(location.id),
    externalIds: { [context.system]: location.id },
    updatedAt: isoOf(location.updated_at),
    name: location.name,
    type: pickup ? "store" : "warehouse",
    clickAndCollect: pickup,
    countryCode: country ? country.toUpperCase() : null,
  };
}
