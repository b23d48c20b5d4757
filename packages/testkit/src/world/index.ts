export type * from "./types";
export { createWorld } from "./create-world";
export { mutateWorld } from "./mutate-world";
