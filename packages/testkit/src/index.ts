export * from "./world/index";
export type * from "./host/types";
