import { defineConfig } from "vitest/config";
import { workspaceAliases } from "../../vitest.shared.mjs";

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The real WordPress (scripts/wordpress/start.sh), shared by every test file.
    globalSetup: ["test/wordpress-global-setup.ts"],
    // Files share one WordPress; the conformance suite's "nothing new after the final cursor"
    // must not see another file's writes, so files run one after another.
    fileParallelism: false,
  },
});
