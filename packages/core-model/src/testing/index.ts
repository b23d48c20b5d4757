export * from "./conformance";
