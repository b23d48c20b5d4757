export * from "./akeneo";
