export * from "./emulator-server";
