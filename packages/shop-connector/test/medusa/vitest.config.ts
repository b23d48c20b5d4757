import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { workspaceAliases } from "../../../../vitest.shared.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The shop-connector's tests against a REAL Medusa 2.18.0 (scripts/medusa/start.sh installs it into a
 * cache outside the workspace and starts it on MEDUSA_PORT, default 9123). Run from the package:
 *   npx vitest run --config test/medusa/vitest.config.ts
 * Files share one server and run one after another (the conformance suite's "nothing new after the
 * final cursor" must not see another file's writes).
 */
export default defineConfig({
  root,
  resolve: { alias: workspaceAliases() },
  test: {
    include: ["test/medusa/**/*.server.ts"],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    globalSetup: ["test/medusa/medusa-global-setup.ts"],
    fileParallelism: false,
  },
});
