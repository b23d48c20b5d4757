export * from "../emulator";
