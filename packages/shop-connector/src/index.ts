export * from "./shopware";
export * from "./medusa";
