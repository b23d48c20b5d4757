export * from "./connector-error";
export * from "./record-issue";
