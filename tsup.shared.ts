import type { Options } from "tsup";

/**
 * Shared tsup options: dual ESM + CJS with separate declaration files per condition
 * (index.d.ts for import, index.d.cts for require). ESM-only dependencies listed in
 * `bundle` are inlined so the CJS build works at run time (p-retry is ESM-only).
 */
export function packageBuild(entry: Record<string, string>, bundle: string[] = []): Options {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
    noExternal: bundle,
  };
}
