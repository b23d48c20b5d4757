import { defineConfig } from "vitest/config";
import { workspaceAliases } from "../../vitest.shared.mjs";

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
