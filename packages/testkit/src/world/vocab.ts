/** Word lists of the generated world (per locale where shown to shoppers). */
export const LOCALES = ["en", "de-DE", "fr-FR"] as const;
export const CURRENCIES = ["EUR", "USD"] as const;
export type WorldLocale = (typeof LOCALES)[number];

type Words = Record<WorldLocale, readonly string[]>;

export const ADJECTIVES: Words = {
  en: ["Classic", "Urban", "Alpine", "Coastal", "Nordic", "Vintage", "Pro", "Essential", "Summit", "Breeze"],
  "de-DE": ["Klassisch", "Urban", "Alpin", "Küsten", "Nordisch", "Vintage", "Profi", "Basis", "Gipfel", "Brise"],
  "fr-FR": ["Classique", "Urbain", "Alpin", "Côtier", "Nordique", "Vintage", "Pro", "Essentiel", "Sommet", "Brise"],
};

export const NOUNS: Words = {
  en: ["Jacket", "Sneaker", "Backpack", "Lamp", "Chair", "Headphones", "Tent", "Shirt", "Bottle", "Watch"],
  "de-DE": ["Jacke", "Sneaker", "Rucksack", "Lampe", "Stuhl", "Kopfhörer", "Zelt", "Hemd", "Flasche", "Uhr"],
  "fr-FR": ["Veste", "Basket", "Sac à dos", "Lampe", "Chaise", "Casque", "Tente", "Chemise", "Gourde", "Montre"],
};

export const CATEGORY_WORDS: Words = {
  en: ["Apparel", "Footwear", "Outdoor", "Home", "Electronics", "Sports", "Kids", "Accessories", "Sale", "New"],
  "de-DE": ["Bekleidung", "Schuhe", "Outdoor", "Wohnen", "Elektronik", "Sport", "Kinder", "Zubehör", "Sale", "Neu"],
  "fr-FR": ["Vêtements", "Chaussures", "Plein air", "Maison", "Électronique", "Sport", "Enfants", "Accessoires", "Soldes", "Nouveau"],
};

export const DESCRIPTIONS: Words = {
  en: ["Built to last for everyday use.", "Lightweight and durable.", "Designed in Europe, made responsibly."],
  "de-DE": ["Für den täglichen Gebrauch gebaut.", "Leicht und robust.", "In Europa entworfen, verantwortungsvoll hergestellt."],
  "fr-FR": ["Conçu pour durer au quotidien.", "Léger et résistant.", "Conçu en Europe, fabriqué de façon responsable."],
};

export const BRANDS = ["Northwind", "Fjordline", "Kestrel", "Lumen & Co", "Atlas Gear", "Millbrook", "Solenne", "Vektor"];
export const FAMILIES = ["apparel", "footwear", "outdoor", "home", "electronics"];
export const COLORS = ["RED", "BLUE", "BLACK", "WHITE", "GREEN", "GREY"];
export const SIZES = ["XS", "S", "M", "L", "XL"];
export const MATERIALS = ["cotton", "wool", "polyester", "leather", "aluminium", "oak"];
export const TAGS = ["eco", "bestseller", "limited", "online_only", "gift"];
export const SEASONS = ["spring", "summer", "autumn", "winter"];

export const FIRST_NAMES = ["Anna", "Lukas", "Marie", "Jonas", "Léa", "Hugo", "Emma", "Noah", "Sofia", "Paul", "Mia", "Louis"];
export const LAST_NAMES = ["Müller", "Schmidt", "Dubois", "Martin", "Fischer", "Weber", "Bernard", "Smith", "Johnson", "Lefèvre"];
export const COMPANY_WORDS = ["Alpen", "Rhein", "Seine", "Hanse", "Atlantic", "Baltic", "Meridian", "Helios"];
export const COMPANY_SUFFIX = ["Handel GmbH", "Retail AG", "Distribution SARL", "Trading Ltd", "Supply Inc."];
export const CITIES = [
  { city: "Berlin", postalCode: "10115", countryCode: "DE", locale: "de-DE" },
  { city: "München", postalCode: "80331", countryCode: "DE", locale: "de-DE" },
  { city: "Paris", postalCode: "75001", countryCode: "FR", locale: "fr-FR" },
  { city: "Lyon", postalCode: "69001", countryCode: "FR", locale: "fr-FR" },
  { city: "New York", postalCode: "10001", countryCode: "US", locale: "en" },
  { city: "Chicago", postalCode: "60601", countryCode: "US", locale: "en" },
] as const;
export const STREETS = ["Hauptstraße", "Rue de la Paix", "Main Street", "Lindenallee", "Avenue Foch", "Oak Avenue"];

/** A lower-case URL slug of a text. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
