export type * from "./types";
export { createWorld } from "./create-world";
