export * from "./emulator-server";
export * from "./self-signed";
export * from "./tls-checks";
