#!/usr/bin/env node
// Scaffolds a published workspace package: node scripts/new-package.mjs <dir> "<description>" [--testing]
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const [dir, description, ...flags] = process.argv.slice(2);
if (!dir || !description) throw new Error("usage: new-package.mjs <dir> <description> [--testing]");
const withTesting = flags.includes("--testing");
const base = path.join("packages", dir);
if (existsSync(path.join(base, "package.json"))) throw new Error(`${base} exists`);
mkdirSync(path.join(base, "src"), { recursive: true });

const entry = (name) => ({
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
});
const exportsMap = { ".": entry("index") };
if (withTesting) exportsMap["./testing"] = entry("testing");
exportsMap["./package.json"] = "./package.json";

const pkg = {
  name: `@omnibridge/${dir}`,
  version: "0.1.0",
  description,
  license: "MIT",
  repository: { type: "git", url: "git+https://github.com/omnibridge/omnibridge.git", directory: base },
  type: "module",
  sideEffects: false,
  engines: { node: ">=20.11" },
  files: ["dist", "README.md", "CHANGELOG.md"],
  main: "./dist/index.cjs",
  module: "./dist/index.js",
  types: "./dist/index.d.cts",
  exports: exportsMap,
  scripts: {
    build: "tsup",
    typecheck: "tsc --noEmit",
    test: "vitest run",
    "lint:package": "publint --strict && attw --pack . --profile node16",
  },
  publishConfig: { access: "public" },
};
writeFileSync(path.join(base, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
const entries = withTesting
  ? `{ index: "src/index.ts", testing: "src/testing/index.ts" }`
  : `{ index: "src/index.ts" }`;
writeFileSync(
  path.join(base, "tsup.config.ts"),
  `import { defineConfig } from "tsup";\nimport { packageBuild } from "../../tsup.shared";\n\nexport default defineConfig(packageBuild(${entries}, ["p-retry", "is-network-error"]));\n`,
);
writeFileSync(
  path.join(base, "tsconfig.json"),
  JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { noEmit: true }, include: ["src", "test", "*.ts"] }, null, 2) + "\n",
);
writeFileSync(
  path.join(base, "vitest.config.ts"),
  `import { defineConfig } from "vitest/config";\nimport { workspaceAliases } from "../../vitest.shared.mjs";\n\nexport default defineConfig({\n  resolve: { alias: workspaceAliases() },\n  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 30_000 },\n});\n`,
);
writeFileSync(path.join(base, "README.md"), `# @omnibridge/${dir}\n\n${description}\n`);
console.log(`created ${base}`);
