import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** tools/bench/reports. */
export const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../reports");

/** Write `<prefix><timestamp>.{md,json}` and `<prefix>latest.{md,json}`; returns the timestamped paths. */
export function writeReport(prefix: string, markdown: string, json: unknown, dir = REPORTS_DIR): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const md = path.join(dir, `${prefix}${stamp}.md`);
  const js = path.join(dir, `${prefix}${stamp}.json`);
  writeFileSync(md, markdown);
  writeFileSync(js, `${JSON.stringify(json, null, 2)}\n`);
  copyFileSync(md, path.join(dir, `${prefix}latest.md`));
  copyFileSync(js, path.join(dir, `${prefix}latest.json`));
  return { md, json: js };
}

/** A markdown table. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map(String).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
