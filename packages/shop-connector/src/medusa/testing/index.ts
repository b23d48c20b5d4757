export { startMedusaEmulator, type MedusaEmulator, type MedusaEmulatorData, type MedusaEmulatorRow } from "./medusa-emulator";
