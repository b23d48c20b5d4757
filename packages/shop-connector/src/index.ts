export * from "./shopware";
