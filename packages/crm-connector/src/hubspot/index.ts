export { createHubSpotConnector } from "./hubspot-connector";
export { hubSpotSettingsSchema, type HubSpotSettings, type HubSpotSettingsInput } from "./hubspot-settings";
export { verifyHubSpotSignatureV3, type HubSpotSignatureV3Input, type HubSpotSignatureResult } from "./hubspot-webhook";
