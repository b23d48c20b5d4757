export { akeneoEmulator, startAkeneoEmulator, type AkeneoEmulator, type AkeneoEmulatorOptions } from "../akeneo/testing/akeneo-emulator";
export { AKENEO_TEST_CREDENTIALS, type EmulatorCredentials } from "../akeneo/testing/akeneo-emulator-auth";
export type { AkeneoState } from "../akeneo/testing/akeneo-emulator-state";
