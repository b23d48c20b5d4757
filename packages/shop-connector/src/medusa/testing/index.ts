export { startMedusaEmulator, type MedusaEmulator, type MedusaEmulatorData, type MedusaEmulatorRow } from "./medusa-emulator";
export { createMedusaShopper, type MedusaShopper, type MedusaShopperOptions, type MedusaShopperOrderInput, type MedusaShopperAddress,
  type MedusaPlacedOrder } from "./medusa-shopper";
