export {
  startShopwareEmulator, shopwareEmulator, applyShopwareWorldChanges, type ShopwareEmulator, type ShopwareEmulatorOptions,
} from "./shopware-emulator";
export { ShopwareStore, DEFAULT_CURRENCY_ID } from "./shopware-emulator-store";
export { placeShopwareOrder, SEED_IDS as SHOPWARE_SEED_IDS } from "./shopware-emulator-seed";
export { signShopwareBody } from "../shopware-webhook";
