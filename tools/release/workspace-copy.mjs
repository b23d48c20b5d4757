// A throw-away copy of the workspace (tracked and untracked-but-not-ignored files) whose
// node_modules link to the real ones, so changesets and builds run without touching the tree.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Copy the workspace to `target` and link node_modules. */
export function copyWorkspace(target) {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && existsSync(path.join(root, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(target, file));
  }
  execFileSync("git", ["init", "-q"], { cwd: target });
  for (const dir of ["", ...workspaceDirs().map((d) => d.dir)]) {
    const from = path.join(root, dir, "node_modules");
    if (existsSync(from)) symlinkSync(from, path.join(target, dir, "node_modules"), "dir");
  }
  return target;
}

/** Workspace package folders with their package.json. */
export function workspaceDirs(base = root) {
  const out = [];
  for (const group of ["packages", "apps", "tools"]) {
    const groupDir = path.join(base, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const file = path.join(groupDir, name, "package.json");
      if (existsSync(file)) out.push({ dir: path.join(group, name), pkg: JSON.parse(readFileSync(file, "utf8")) });
    }
  }
  return out;
}

/** Public (publishable) packages under packages/. */
export function publicPackages(base = root) {
  return workspaceDirs(base).filter(({ dir, pkg }) => dir.startsWith("packages/") && !pkg.private);
}

/**
 * Replace every `workspace:` range in the workspace at `base` with the version it stands for
 * (`workspace:^` → `^<version>`, `workspace:~` → `~<version>`, `workspace:*` → `<version>`,
 * `workspace:<range>` → `<range>`), as `pnpm publish` does. Run it after `changeset version`: the
 * copy's node_modules link to the real workspace, so `pnpm pack` would otherwise read the real
 * (unbumped) versions and publish e.g. `^0.1.0` for a dependency just released as 0.2.0.
 * Returns the number of ranges replaced.
 */
export function pinWorkspaceRanges(base) {
  const dirs = workspaceDirs(base);
  const versionOf = new Map(dirs.map(({ pkg }) => [pkg.name, pkg.version]));
  let replaced = 0;
  for (const { dir, pkg } of dirs) {
    let changed = false;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
      for (const [name, spec] of Object.entries(pkg[field] ?? {})) {
        if (typeof spec !== "string" || !spec.startsWith("workspace:")) continue;
        const version = versionOf.get(name);
        if (!version) throw new Error(`${pkg.name}: ${field}.${name} is "${spec}" but no workspace package is named ${name}`);
        const range = spec.slice("workspace:".length);
        pkg[field][name] = range === "^" || range === "~" ? `${range}${version}` : range === "*" ? version : range;
        changed = true;
        replaced++;
      }
    }
    if (changed) writeFileSync(path.join(base, dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  }
  return replaced;
}

/** Run a binary from the real workspace's node_modules/.bin. */
export function runBin(name, argv, cwd) {
  return execFileSync(path.join(root, "node_modules", ".bin", name), argv, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
