import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyWorkspace, runBin, workspaceDirs } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-changeset-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const versions = (repo) => Object.fromEntries(workspaceDirs(repo).map(({ pkg }) => [pkg.name, pkg.version]));

/** A copy of the workspace without the branch's pending changesets, so only the test's own one counts. */
function cleanCopy(target) {
  const repo = copyWorkspace(target);
  const dir = path.join(repo, ".changeset");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md")) rmSync(path.join(dir, file));
  return repo;
}

describe("changeset version", () => {
  it("a patch to one connector bumps only that connector", () => {
    const repo = cleanCopy(path.join(tmp, "patch"));
    const before = versions(repo);
    writeFileSync(path.join(repo, ".changeset", "erp-fix.md"), `---\n"@omnibridge/erp-connector": patch\n---\n\nFix a rounding bug.\n`);
    runBin("changeset", ["version"], repo);
    const after = versions(repo);
    const changed = Object.keys(after).filter((name) => after[name] !== before[name]);
    expect(changed).toEqual(["@omnibridge/erp-connector"]);
    const [major, minor, patch] = before["@omnibridge/erp-connector"].split(".").map(Number);
    expect(after["@omnibridge/erp-connector"]).toBe(`${major}.${minor}.${patch + 1}`);
    const changelog = readFileSync(path.join(repo, "packages", "erp-connector", "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("Fix a rounding bug.");
    expect(existsSync(path.join(repo, ".changeset", "erp-fix.md"))).toBe(false);
  });

  it("a core-model release bumps its internal dependents as patch, and nothing private", () => {
    const repo = cleanCopy(path.join(tmp, "core"));
    const before = versions(repo);
    writeFileSync(path.join(repo, ".changeset", "core.md"), `---\n"@omnibridge/core-model": minor\n---\n\nNew optional field.\n`);
    runBin("changeset", ["version"], repo);
    const after = versions(repo);
    const bump = (name) => {
      const [a, b, c] = before[name].split(".").map(Number);
      return { minor: `${a}.${b + 1}.0`, patch: `${a}.${b}.${c + 1}` };
    };
    expect(after["@omnibridge/core-model"]).toBe(bump("@omnibridge/core-model").minor);
    for (const name of ["@omnibridge/connector-kit", "@omnibridge/erp-connector", "@omnibridge/testkit"]) {
      expect(after[name], name).toBe(bump(name).patch);
    }
    for (const { pkg } of workspaceDirs(repo).filter(({ pkg }) => pkg.private)) {
      expect(after[pkg.name], pkg.name).toBe(before[pkg.name]);
    }
    execFileSync("git", ["status"], { cwd: repo });
  });
});
