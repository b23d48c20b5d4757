/// <reference lib="dom" />
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Debian's Chromium (`apt-get install chromium`); no browser is downloaded. */
export const CHROMIUM = process.env.OMNIBRIDGE_CHROMIUM ?? "/usr/bin/chromium";

/** Where the tests write the README's screenshots. */
export const SCREENSHOTS = path.resolve(here, "../../docs/screenshots");

/** Launch the system Chromium headless (scripts/chromium.sh installs Debian's package when it is missing). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) execFileSync(path.resolve(here, "../../../../scripts/chromium.sh"), { stdio: "inherit", timeout: 600_000 });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set OMNIBRIDGE_CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
}

/** Save a full-page screenshot as docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A WCAG 2 A/AA violation found by axe-core: rule and the elements it found. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Run axe-core in the page (evaluated through the DevTools protocol, so the page's CSP, which
 * allows only its own scripts, does not stop it) with the WCAG 2 A and AA rules: labels, names,
 * contrast, landmarks, tables.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}
