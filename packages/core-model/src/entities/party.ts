import { z } from "zod";
import { recordBaseShape, refSchema, safeText, timestampSchema, localeSchema } from "./primitives";
import { moneySchema } from "./money";

/** Postal address. */
export const addressSchema = z.object({
  type: z.enum(["billing", "shipping", "both"]).default("both"),
  name: safeText(255).nullish(),
  street: safeText(255),
  street2: safeText(255).nullish(),
  postalCode: z.string().max(20).nullish(),
  city: safeText(128),
  region: z.string().max(128).nullish(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
});
/** Postal address. */
export type Address = z.infer<typeof addressSchema>;

/** Marketing consent per purpose: who recorded it and when. */
export const consentSchema = z.object({
  email: z.enum(["granted", "denied", "unknown"]).default("unknown"),
  sms: z.enum(["granted", "denied", "unknown"]).default("unknown"),
  /** When consent last changed, and the system that recorded it. */
  updatedAt: timestampSchema.nullish(),
  source: z.string().nullish(),
});
/** Marketing consent. */
export type Consent = z.infer<typeof consentSchema>;

/** Lifetime figures across all channels. */
export const lifetimeFiguresSchema = z.object({
  orderCount: z.int().nonnegative(),
  revenue: moneySchema,
  firstOrderAt: timestampSchema.nullish(),
  lastOrderAt: timestampSchema.nullish(),
  /** Customer lifetime value estimate. */
  clv: moneySchema.nullish(),
});
/** Lifetime figures. */
export type LifetimeFigures = z.infer<typeof lifetimeFiguresSchema>;

const emailSchema = z.email("must be an email address").max(254);

/**
 * Customer: a person buying for themselves (B2C) or a contact acting for a company (B2B).
 * `key` is the customer number the ERP assigns, or a stable id until it has one.
 */
export const customerSchema = z.object({
  ...recordBaseShape,
  type: z.enum(["person", "contact"]),
  email: emailSchema.nullish(),
  firstName: safeText(128).nullish(),
  lastName: safeText(128),
  phone: z.string().max(40).nullish(),
  locale: localeSchema.nullish(),
  customerNumber: z.string().max(64).nullish(),
  customerGroup: z.string().max(64).nullish(),
  companyKey: refSchema.nullish(),
  /** What a contact may do for the company. */
  roles: z.array(z.enum(["buyer", "approver", "admin", "accounting"])).default([]),
  addresses: z.array(addressSchema).default([]),
  consent: consentSchema.default({ email: "unknown", sms: "unknown" }),
  lifetime: lifetimeFiguresSchema.nullish(),
  segments: z.array(refSchema).default([]),
});
/** Customer (person or company contact). */
export type Customer = z.infer<typeof customerSchema>;

/** A business customer with several authorised contacts. */
export const companySchema = z.object({
  ...recordBaseShape,
  name: safeText(255).min(1),
  vatId: z.string().max(32).nullish(),
  domain: z.string().max(255).nullish(),
  customerNumber: z.string().max(64).nullish(),
  customerGroup: z.string().max(64).nullish(),
  priceListKey: refSchema.nullish(),
  paymentTermsDays: z.int().nonnegative().nullish(),
  creditLimit: moneySchema.nullish(),
  addresses: z.array(addressSchema).default([]),
  contactKeys: z.array(refSchema).default([]),
  lifetime: lifetimeFiguresSchema.nullish(),
  segments: z.array(refSchema).default([]),
});
/** Company (B2B customer). */
export type Company = z.infer<typeof companySchema>;
