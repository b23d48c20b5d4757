export * from "./wordpress";
export * from "./contentful";
