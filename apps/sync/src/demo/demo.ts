import type { GlobalOptions } from "../cli/context";

/** `omnibridge demo` (wired once the connectors land). */
export async function demoCommand(_options: GlobalOptions & { products?: string; cms?: string }): Promise<number> {
  process.stderr.write("demo: not wired yet\n");
  return 2;
}
