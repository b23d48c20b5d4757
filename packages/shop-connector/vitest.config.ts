import { defineConfig } from "vitest/config";
import { workspaceAliases } from "../../vitest.shared.mjs";

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 30_000 },
});
