import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { associationRoutes } from "./hubspot-emulator-associations";
import { batchHandler, BATCH_MAX } from "./hubspot-emulator-batch";
import { listRoutes } from "./hubspot-emulator-lists";
import { objectRoutes } from "./hubspot-emulator-objects";
import { searchHandler } from "./hubspot-emulator-search";
import { errorBody, objectTypeName, type HubSpotStore } from "./hubspot-emulator-store";

/** `POST /crm/v3/objects/{type}/batch/archive`: 204, unknown ids ignored. */
function archiveHandler(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const inputs = ((request.body as { inputs?: Array<{ id?: unknown }> } | undefined)?.inputs ?? []);
    if (inputs.length > BATCH_MAX) return { status: 400, body: errorBody("VALIDATION_ERROR", `At most ${BATCH_MAX} inputs`) };
    for (const input of inputs) store.archive(objectTypeName(request.params.objectType!), String(input.id));
    return { status: 204 };
  };
}

/** Every route of the HubSpot emulator; `associationPageSize` bounds each record's targets per v4 batch read. */
export function hubSpotRoutes(store: HubSpotStore, portalId: string, associationPageSize = 500): EmulatorRoute[] {
  return [
    { method: "GET", path: "/account-info/v3/details", handler: () => ({ status: 200, body: { portalId: Number(portalId), accountType: "STANDARD", timeZone: "Europe/Berlin", companyCurrency: "EUR", uiDomain: "app.hubspot.com", dataHostingLocation: "eu1" } }) },
    {
      method: "GET", path: "/crm/v3/properties/:objectType",
      handler: (request) => {
        const defs = store.properties[request.params.objectType!];
        if (!defs) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `Unknown object type ${request.params.objectType}`) };
        return { status: 200, body: { results: defs.map((d) => ({ ...d, label: d.name, fieldType: d.type === "enumeration" ? "select" : "text", hasUniqueValue: Boolean(d.hasUniqueValue), options: (d.options ?? []).map((o) => ({ label: o, value: o })) })) } };
      },
    },
    { method: "POST", path: "/crm/v3/objects/:objectType/search", handler: searchHandler(store) },
    { method: "POST", path: "/crm/v3/objects/:objectType/batch/archive", handler: archiveHandler(store) },
    ...["read", "create", "update", "upsert"].map((action) => ({ method: "POST", path: `/crm/v3/objects/:objectType/batch/${action}`, handler: batchHandler(store, action) })),
    ...objectRoutes(store),
    ...associationRoutes(store, associationPageSize),
    ...listRoutes(store),
  ];
}

/**
 * An unknown route: HubSpot answers 404 with an empty body, not an error object naming a
 * record, so a client cannot mistake a missing endpoint for a missing record.
 */
export function unknownRoute(): EmulatorResponse {
  return { status: 404, raw: "" };
}
