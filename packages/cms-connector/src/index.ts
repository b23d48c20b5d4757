export * from "./wordpress";
