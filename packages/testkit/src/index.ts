export * from "./world/index";
export * from "./host/index";
