import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts", index: "src/index.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  banner: { js: "" },
  // Loaded only for `.ts` configs, from the user's install.
  external: ["typescript"],
});
