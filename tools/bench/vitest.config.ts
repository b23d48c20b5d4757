import { defineConfig } from "vitest/config";
import { workspaceAliases } from "../../vitest.shared.mjs";

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: { include: ["test/**/*.test.ts"], testTimeout: 150_000, hookTimeout: 150_000 },
});
