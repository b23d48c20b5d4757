import type { EmulatorRequest, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { byApi, cmaOnly } from "./contentful-emulator-api";
import type { ContentfulSpaceState } from "./contentful-emulator-state";
import { contentfulError, ok } from "./contentful-emulator-wire";

const notFound = (type: string, id: string) => contentfulError(404, "NotFound", "The resource could not be found.", { type, id });
const link = (linkType: string, id: string) => ({ sys: { type: "Link", linkType, id } });

/** The space on the CMA. https://www.contentful.com/developers/docs/references/content-management-api/#/reference/spaces/space */
function cmaSpace(state: ContentfulSpaceState) {
  return { name: `Emulated space ${state.spaceId}`, sys: { type: "Space", id: state.spaceId, version: 1, createdAt: "2020-01-01T00:00:00.000Z", updatedAt: "2020-01-01T00:00:00.000Z", organization: link("Organization", "emulator") } };
}

/** An environment. https://www.contentful.com/developers/docs/references/content-management-api/#/reference/environments/environment */
function environment(state: ContentfulSpaceState) {
  return {
    name: state.environment,
    sys: {
      type: "Environment", id: state.environment, version: 1, space: link("Space", state.spaceId),
      status: link("Status", "ready"), createdAt: "2020-01-01T00:00:00.000Z", updatedAt: "2020-01-01T00:00:00.000Z", aliases: [],
    },
  };
}

/** `GET /spaces/{id}` (CMA and CDA shapes), `GET /spaces/{id}/environments[/{env}]` (CMA). */
export function spaceRoutes(state: ContentfulSpaceState): EmulatorRoute[] {
  const ownSpace = (request: EmulatorRequest) => request.params.space === state.spaceId;
  return [
    { method: "GET", path: "/spaces/:space", handler: byApi(
      (request) => (ownSpace(request) ? ok(cmaSpace(state)) : notFound("Space", request.params.space!)),
      // https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/spaces/space
      (request) => (ownSpace(request) ? ok({ sys: { type: "Space", id: state.spaceId }, name: cmaSpace(state).name, locales: state.locales.map((l) => ({ code: l.code, default: l.default, name: l.name, fallbackCode: null })) }) : notFound("Space", request.params.space!)),
    ) },
    { method: "GET", path: "/spaces/:space/environments", handler: cmaOnly((request) => (ownSpace(request)
      ? ok({ sys: { type: "Array" }, total: 1, skip: 0, limit: 100, items: [environment(state)] })
      : notFound("Space", request.params.space!))) },
    { method: "GET", path: "/spaces/:space/environments/:environment", handler: cmaOnly((request) => (ownSpace(request) && request.params.environment === state.environment
      ? ok(environment(state))
      : notFound("Environment", request.params.environment!))) },
  ];
}
