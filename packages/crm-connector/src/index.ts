export * from "./hubspot";
