export * from "../shopware/testing";
export * from "../medusa/testing";
