export { createShopwareConnector } from "./shopware-connector";
export { shopwareSettingsSchema, type ShopwareSettings, type ShopwareSettingsInput, type ShopwarePriceListTarget } from "./shopware-settings";
export { verifyShopwareSignature, signShopwareBody, type ShopwareSignatureInput } from "./shopware-webhook";
export { shopwareIdFor } from "./shopware-ids";
