export * from "./stable-hash";
export * from "./diff";
export * from "./merge";
