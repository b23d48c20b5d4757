import { UsageError } from "../engine";
import { marketingOf, segmentsOf } from "../extensions/marketing";
import { print, withStore, type GlobalOptions } from "./context";
import { table } from "./format";

/** `omnibridge segments list`: every configured or computed segment with its member count and last computation. */
export async function segmentsListCommand(options: GlobalOptions): Promise<number> {
  return withStore(options, async (store, config) => {
    const statuses = new Map((await segmentsOf(store.repos).statuses()).map((s) => [s.key, s]));
    const keys = [...new Set([...(config ? marketingOf(config).segments : []).map((d) => d.key), ...statuses.keys()])];
    const rows = keys.map((key) => {
      const definition = (config ? marketingOf(config).segments : []).find((d) => d.key === key);
      const status = statuses.get(key);
      return {
        key, name: definition?.name ?? status?.name ?? key, purpose: definition?.purpose ?? status?.purpose ?? "?",
        members: status?.memberCount ?? null, asOf: status?.asOf ?? null, lastComputed: status?.computedAt ?? null,
        configured: definition !== undefined,
      };
    });
    print(options, rows, () => rows.length === 0 ? "No segments (add `segments:` to the config)" : table(
      ["segment", "name", "purpose", "members", "as of", "last computed"],
      rows.map((r) => [r.configured || !config ? r.key : `${r.key} (not in config)`, r.name, r.purpose, r.members ?? "-", r.asOf ?? "-", r.lastComputed ?? "never"]),
    ));
    return 0;
  });
}

/** `omnibridge segments show <key>`: a segment's definition and members. */
export async function segmentsShowCommand(key: string, options: GlobalOptions): Promise<number> {
  return withStore(options, async (store, config) => {
    const definition = (config ? marketingOf(config).segments : []).find((d) => d.key === key);
    const status = (await segmentsOf(store.repos).statuses()).find((s) => s.key === key);
    if (!definition && !status) throw new UsageError(`unknown segment "${key}" (segments: ${(config ? marketingOf(config).segments : []).map((d) => d.key).join(", ") || "none"})`);
    const members = await segmentsOf(store.repos).members(key);
    const data = { key, definition: definition ?? null, status: status ?? null, members };
    print(options, data, () => [
      `Segment ${key}: ${definition?.name ?? status?.name} (${definition?.purpose ?? status?.purpose})`,
      definition ? `Rules (all must hold): ${definition.rules.map((r) => `${r.field} ${r.op}${r.value === undefined || r.value === null ? "" : ` ${JSON.stringify(r.value)}`}`).join(" AND ")}` : "Not in the config any more",
      definition?.purpose === "marketing" ? "Marketing segment: only customers whose e-mail consent is granted" : "",
      status ? `Last computed ${status.computedAt} as of ${status.asOf}: ${status.memberCount} members` : "Never computed",
      members.length > 0 ? `Members: ${members.join(", ")}` : "No members",
    ].filter(Boolean).join("\n"));
    return 0;
  });
}
