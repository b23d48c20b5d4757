import { localeSchema } from "@omnibridge/core-model";

/**
 * Default Akeneo locale code → canonical BCP 47 tag. Akeneo spells locales `en_US`
 * (https://api.akeneo.com/concepts/target-market-settings.html#locale); the canonical model
 * uses BCP 47 (`en`, `de-DE`). Override per connection with `settings.localeMap`.
 */
export const DEFAULT_AKENEO_LOCALE_MAP: Readonly<Record<string, string>> = {
  en_US: "en",
  de_DE: "de-DE",
  fr_FR: "fr-FR",
};

/** Converts locale codes both ways; codes absent from the map fall back to `xx_YY` ↔ `xx-YY`. */
export interface LocaleMapper {
  /** Akeneo code → BCP 47, or undefined when the code cannot be expressed as one. */
  toCanonical(code: string): string | undefined;
  /** BCP 47 → Akeneo code. */
  toAkeneo(tag: string): string;
}

/** Build the locale mapper from a (possibly partial) Akeneo → BCP 47 map. */
export function createLocaleMapper(map: Readonly<Record<string, string>> = DEFAULT_AKENEO_LOCALE_MAP): LocaleMapper {
  const forward = new Map(Object.entries(map));
  const backward = new Map(Object.entries(map).map(([akeneo, tag]) => [tag, akeneo]));
  // Every value of every product asks: remember each code's answer instead of validating the tag again.
  const canonical = new Map<string, string | undefined>();
  return {
    toCanonical(code) {
      if (canonical.has(code)) return canonical.get(code);
      const mapped = forward.get(code) ?? code.replace("_", "-");
      const tag = localeSchema.safeParse(mapped).success ? mapped : undefined;
      if (canonical.size < 1_000) canonical.set(code, tag);
      return tag;
    },
    toAkeneo(tag) {
      return backward.get(tag) ?? tag.replace("-", "_");
    },
  };
}
