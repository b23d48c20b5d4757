export * from "./entities";
export * from "./errors";
export * from "./contracts";
export * from "./sync";
