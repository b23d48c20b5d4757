import type { Category, ContentEntry, Product } from "@omnibridge/core-model";

/** A unique prefix per test run, so tests never need to wipe the shared WordPress. */
export function runPrefix(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
}

const now = () => new Date().toISOString();

/** A schema-valid product. */
export function product(key: string, overrides: Partial<Product> = {}): Product {
  return {
    key, externalIds: {}, updatedAt: now(), name: { en: `Desk ${key}`, "de-DE": `Schreibtisch ${key}` },
    description: { en: `<p>A solid oak desk, ${key}.</p>` }, status: "active", categoryKeys: ["desks"], attributes: {},
    variantAxes: [], variants: [], assets: [{ key: `${key}-img`, url: `https://cdn.example.com/${key}.jpg`, mimeType: "image/jpeg", alt: {}, role: "main" }],
    relations: [], channels: [], seo: { title: { en: `Buy desk ${key}` } }, ...overrides,
  };
}

/** A schema-valid category. */
export function category(key: string): Category {
  return { key, externalIds: {}, updatedAt: now(), parentKey: null, name: { en: `Category ${key}` }, position: 0 };
}

/** A schema-valid landing page. */
export function landingPage(key: string, overrides: Partial<ContentEntry> = {}): ContentEntry {
  return {
    key, externalIds: {}, updatedAt: now(), type: "landing_page", locale: "en", title: `Landing ${key}`,
    slug: key.toLowerCase().replace(/[^a-z0-9]+/g, "-"), body: "<p>Spring sale</p>", excerpt: "Spring", status: "published",
    linkedSkus: ["SKU-1"], linkedCategoryKeys: [], seo: { title: "Spring sale", description: null }, featuredImageUrl: null, ...overrides,
  };
}
