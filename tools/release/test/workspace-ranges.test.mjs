import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pinWorkspaceRanges } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-ranges-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function workspace(name, manifests) {
  const base = path.join(tmp, name);
  for (const [dir, pkg] of Object.entries(manifests)) {
    mkdirSync(path.join(base, dir), { recursive: true });
    writeFileSync(path.join(base, dir, "package.json"), JSON.stringify(pkg, null, 2));
  }
  return base;
}
const read = (base, dir) => JSON.parse(readFileSync(path.join(base, dir, "package.json"), "utf8"));

describe("pinWorkspaceRanges", () => {
  it("replaces workspace: ranges with the versioned packages' versions, as pnpm publish does", () => {
    const base = workspace("ok", {
      "packages/kit": { name: "@x/kit", version: "0.2.0" },
      "packages/model": { name: "@x/model", version: "1.4.1" },
      "packages/erp": {
        name: "@x/erp",
        version: "0.1.1",
        dependencies: { "@x/kit": "workspace:^", "@x/model": "workspace:~", axios: "^1.7.0" },
        peerDependencies: { "@x/model": "workspace:*" },
        devDependencies: { "@x/kit": "workspace:^0.1.0" },
      },
      "apps/sync": { name: "@x/sync", version: "0.0.0", private: true, dependencies: { "@x/erp": "workspace:^" } },
    });
    expect(pinWorkspaceRanges(base)).toBe(5);
    const erp = read(base, "packages/erp");
    expect(erp.dependencies).toEqual({ "@x/kit": "^0.2.0", "@x/model": "~1.4.1", axios: "^1.7.0" });
    expect(erp.peerDependencies).toEqual({ "@x/model": "1.4.1" });
    expect(erp.devDependencies).toEqual({ "@x/kit": "^0.1.0" });
    expect(read(base, "apps/sync").dependencies).toEqual({ "@x/erp": "^0.1.1" });
    expect(read(base, "packages/kit")).toEqual({ name: "@x/kit", version: "0.2.0" });
  });

  it("names the package and field when a workspace: range points at no workspace package", () => {
    const base = workspace("missing", {
      "packages/erp": { name: "@x/erp", version: "0.1.0", dependencies: { "@x/gone": "workspace:^" } },
    });
    expect(() => pinWorkspaceRanges(base)).toThrow('@x/erp: dependencies.@x/gone is "workspace:^" but no workspace package is named @x/gone');
  });
});
