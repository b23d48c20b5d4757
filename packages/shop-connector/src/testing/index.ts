export * from "../shopware/testing";
