import type { Layout } from "./scale";

/** What every generator function reads: the seed, the base time and the base layout. */
export interface GenContext {
  seed: number;
  epoch: string;
  epochMs: number;
  layout: Layout;
}

/** Localized text from one word list entry per locale. */
export function localized(words: Record<string, readonly string[]>, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, list] of Object.entries(words)) out[locale] = list[index % list.length]!;
  return out;
}
