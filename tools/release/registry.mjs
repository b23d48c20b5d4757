// Local Verdaccio for publish rehearsals: loopback only, no uplinks, stopped by its pid.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const verdaccioDir = path.join(here, "verdaccio");

/** Install the pinned Verdaccio (tools/release/verdaccio/package-lock.json) when missing. */
export function ensureVerdaccio() {
  const bin = path.join(verdaccioDir, "node_modules", "verdaccio", "bin", "verdaccio");
  if (!existsSync(bin)) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: verdaccioDir, stdio: "inherit" });
  }
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`verdaccio exited (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`verdaccio did not answer ${url} within ${timeoutMs} ms`);
}

/**
 * Start Verdaccio on 127.0.0.1 with storage under `dir`, no uplinks (nothing is proxied to
 * npmjs), and a user for publishing. Returns { url, pid, token, npmrc(file), stop() }.
 */
export async function startRegistry(dir) {
  const bin = ensureVerdaccio();
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const config = path.join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${path.join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${path.join(dir, "htpasswd")}`,
      "    max_users: 10",
      "uplinks: {}",
      "packages:",
      "  '@omnibridge/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "log: { type: file, path: " + path.join(dir, "verdaccio.log") + ", level: warn }",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: false,
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}/`;
  // A child ended by a signal has exitCode null and signalCode set: "exited" must look at both, or
  // the SIGKILL fallback hits a pid that is gone (ESRCH) or, worse, reused.
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = () =>
    new Promise((resolve) => {
      if (exited()) return resolve();
      const fallback = setTimeout(() => {
        if (!exited()) child.kill("SIGKILL");
      }, 5_000);
      fallback.unref();
      child.once("exit", () => {
        clearTimeout(fallback);
        resolve();
      });
      child.kill("SIGTERM");
    });
  try {
    await waitFor(`${url}-/ping`, child);
    const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "rehearsal", password: "rehearsal-password", email: "rehearsal@example.invalid" }),
    });
    const body = await response.json();
    if (!response.ok || typeof body.token !== "string") throw new Error(`could not create a registry user: HTTP ${response.status}`);
    const npmrc = path.join(dir, ".npmrc");
    writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${body.token}\n@omnibridge:registry=${url}\n`);
    return { url, pid: child.pid, npmrc, stop };
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${stderr.slice(-2000)}`);
  }
}

/** Publish a tarball to the rehearsal registry. */
export function publishTarball(registry, tarball) {
  execFileSync("npm", ["publish", tarball, "--registry", registry.url, "--userconfig", registry.npmrc, "--access", "public", "--tag", "rehearsal", "--provenance=false", "--loglevel=error"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
}
