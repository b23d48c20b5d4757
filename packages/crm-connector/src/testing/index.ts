export { hubSpotEmulator, startHubSpotEmulator, applyWorldChanges, type HubSpotEmulator, type HubSpotEmulatorOptions } from "../hubspot/testing/hubspot-emulator";
export { HubSpotStore, type StoredObject, type StoredList } from "../hubspot/testing/hubspot-emulator-store";
export { signHubSpotV3 } from "../hubspot/hubspot-webhook";
