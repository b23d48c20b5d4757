import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { contentfulError } from "./contentful-emulator-wire";

/**
 * The emulator serves the CMA and the CDA on one port; the token decides which API a request
 * speaks (the management token: CMA, drafts and versions; the delivery token: CDA, published
 * content only), as the host name does at Contentful.
 */
export type ContentfulApi = "cma" | "cda";

const apis = new WeakMap<EmulatorRequest, ContentfulApi>();

/** Remember which API a request was authorised for (set by the auth interceptor). */
export function setApi(request: EmulatorRequest, api: ContentfulApi): void {
  apis.set(request, api);
}

/** The API a request was authorised for. */
export function apiOf(request: EmulatorRequest): ContentfulApi {
  return apis.get(request) ?? "cma";
}

export const AUTH_ERROR = "The access token you sent could not be found or is invalid.";

/** A CMA-only route: the delivery token is not valid there (Contentful answers 401 AccessTokenInvalid). */
export function cmaOnly(handler: (request: EmulatorRequest) => EmulatorResponse) {
  return (request: EmulatorRequest): EmulatorResponse => (apiOf(request) === "cda" ? contentfulError(401, "AccessTokenInvalid", AUTH_ERROR) : handler(request));
}

/** Dispatch a GET that both APIs serve. */
export function byApi(cma: (request: EmulatorRequest) => EmulatorResponse, cda: (request: EmulatorRequest) => EmulatorResponse) {
  return (request: EmulatorRequest): EmulatorResponse => (apiOf(request) === "cda" ? cda(request) : cma(request));
}
