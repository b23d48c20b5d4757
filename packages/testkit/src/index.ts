export type * from "./world/types";
export type * from "./host/types";
