// ESLint flat config for the whole monorepo (issue 15, "Lint and format").
//
// Every package runs `eslint .` from its own folder; ESLint finds this file by walking up.
// The rules are type-aware (typescript-eslint's project service picks the nearest tsconfig.json
// of each file), so a package is linted after its dependencies are built (their d.ts), which is
// why turbo's `lint` task depends on `^build`.
//
// The rule set is deliberately small: the project's rules, not a style catalogue.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * Longest code line allowed. Measured on the tree when the linter was introduced: with strings,
 * template literals, URLs, comments and regular expressions ignored, 140 is the limit most
 * files already meet (120 would flag several hundred lines of emulator tables and test data).
 */
const maxLineLength = 140;

/**
 * Files outside every package's tsconfig.json `include` (package bench scripts, root config
 * files). The project service opens them in a default project built from tsconfig.base.json.
 */
const outsideAnyTsconfig = [
  "*.mjs",
  "*.mts",
  "packages/*/*.mjs",
  "packages/*/bench/*.ts",
  "packages/*/bench/*.mjs",
  "apps/*/bench/*.ts",
  "tools/bench/src/shared/*.mjs",
];

export default defineConfig(
  {
    name: "omnibridge/ignores",
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/coverage/**",
      "**/.turbo/**",
      "**/.bench/**",
      "**/.omnibridge/**",
      "**/__fixtures__/**",
      "tools/bench/reports/**",
      "**/*.d.ts",
      "**/*.d.mts",
    ],
  },
  {
    name: "omnibridge/language",
    files: ["**/*.{ts,mts,cts,js,mjs,cjs}"],
    linterOptions: {
      // A disable comment that no longer silences anything is itself a finding.
      reportUnusedDisableDirectives: "error",
    },
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2023,
      sourceType: "module",
      parserOptions: {
        projectService: {
          allowDefaultProject: outsideAnyTsconfig,
          defaultProject: "tsconfig.base.json",
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      "@typescript-eslint": tseslint.plugin,
    },
    rules: {
      // A promise nobody awaits loses its rejection: an unhandled error or a step that
      // silently runs after the function returned.
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
      // An async callback where a void callback is expected (event handlers, forEach) drops
      // its rejection the same way; a promise in an `if` is always truthy.
      "@typescript-eslint/no-misused-promises": "error",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrors: "all",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Control characters in a pattern are usually a typo; where they are meant (stripping
      // them from input), the code says so with a disable comment that names the reason.
      "no-control-regex": "error",
      "max-len": [
        "error",
        {
          code: maxLineLength,
          tabWidth: 2,
          ignoreComments: true,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    name: "omnibridge/commonjs",
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    name: "omnibridge/typescript",
    files: ["**/*.{ts,mts,cts}"],
    rules: {
      // The codebase writes `import type { A }` for type-only imports and
      // `import { a, type B }` when values and types mix; both satisfy this rule.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      // No `any` at boundaries: parse with zod and use `unknown` for what is not parsed yet.
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
);
