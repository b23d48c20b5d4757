export * from "./stream";
export * from "./connector";
export * from "./ownership";
