import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyWorkspace, root } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-check-"));
let repo;
const git = (...argv) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...argv], { cwd: repo, encoding: "utf8" });
const check = () => spawnSync(process.execPath, [path.join(root, "scripts", "check-changesets.mjs"), "--base", "base", "--cwd", repo], { encoding: "utf8" });

beforeAll(() => {
  repo = copyWorkspace(path.join(tmp, "repo"));
  git("add", "-A", ":!node_modules", ":!*/*/node_modules");
  git("commit", "-qm", "base");
  git("branch", "base");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function commitChange(file, text) {
  appendFileSync(path.join(repo, file), text);
  git("add", file);
  git("commit", "-qm", `change ${file}`);
}

describe("check-changesets", () => {
  it("passes when nothing changed", () => {
    expect(check().status).toBe(0);
  });

  it("fails for a package change without a changeset, and names the package", () => {
    commitChange("packages/erp-connector/src/index.ts", "\n// change\n");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@omnibridge/erp-connector changed but no changeset names it");
  });

  it("passes once a changeset names the package", () => {
    writeFileSync(path.join(repo, ".changeset", "erp.md"), `---\n"@omnibridge/erp-connector": patch\n---\n\nfix\n`);
    git("add", ".changeset/erp.md");
    git("commit", "-qm", "changeset");
    expect(check().status).toBe(0);
  });

  it("ignores test-only changes", () => {
    commitChange("packages/pim-connector/README.md", "\nmore docs\n");
    expect(check().status).toBe(0);
  });

  it("requires a major bump for a contract type change in core-model", () => {
    commitChange("packages/core-model/src/contracts/stream.ts", "\nexport type Extra = string;\n");
    writeFileSync(path.join(repo, ".changeset", "core.md"), `---\n"@omnibridge/core-model": minor\n---\n\nx\n`);
    git("add", ".changeset/core.md");
    git("commit", "-qm", "minor changeset");
    const minor = check();
    expect(minor.status).toBe(1);
    expect(minor.stderr).toContain("a contract type changed");
    writeFileSync(path.join(repo, ".changeset", "core.md"), `---\n"@omnibridge/core-model": major\n---\n\nx\n`);
    git("add", ".changeset/core.md");
    git("commit", "-qm", "major changeset");
    expect(check().status).toBe(0);
  });
});
