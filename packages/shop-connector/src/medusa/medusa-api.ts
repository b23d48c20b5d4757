import { z } from "zod";

/**
 * Raw Medusa v2 admin API payloads: minimal and tolerant. Medusa returns `null` for unset fields and
 * only the fields `?fields=` selects, so everything we do not need is optional and objects are loose.
 * Shapes: https://docs.medusajs.com/api/admin (OpenAPI: medusajs/medusa www/utils/generated/oas-output).
 */
const text = z.string().nullish();
const stamp = z.string();
const metadataSchema = z.record(z.string(), z.unknown()).nullish();
const rawAmountSchema = z.object({ value: z.union([z.string(), z.number()]).nullish() }).loose().nullish();

/** `{ type, message }` error body (MedusaError). */
export const medusaErrorBodySchema = z.object({ type: z.string().nullish(), message: z.string(), code: z.string().nullish() }).loose();

export const medusaPriceSchema = z.object({
  id: z.string(),
  amount: z.number().nullish(),
  raw_amount: rawAmountSchema,
  currency_code: z.string(),
  min_quantity: z.number().nullish(),
  max_quantity: z.number().nullish(),
  rules: z.record(z.string(), z.unknown()).nullish(),
  price_list_id: text,
  variant_id: text,
  updated_at: z.string().nullish(),
}).loose();
export type MedusaPrice = z.infer<typeof medusaPriceSchema>;

export const medusaOptionSchema = z.object({
  id: z.string(),
  title: z.string(),
  values: z.array(z.object({ id: z.string(), value: z.string() }).loose()).nullish(),
}).loose();

export const medusaVariantSchema = z.object({
  id: z.string(),
  title: text,
  sku: text,
  ean: text,
  upc: text,
  barcode: text,
  weight: z.number().nullish(),
  manage_inventory: z.boolean().nullish(),
  product_id: text,
  options: z.array(z.object({ value: z.string(), option_id: text,
    option: z.object({ title: z.string() }).loose().nullish() }).loose()).nullish(),
  prices: z.array(medusaPriceSchema).nullish(),
  metadata: metadataSchema,
  created_at: z.string().nullish(),
  updated_at: stamp,
  deleted_at: text,
}).loose();
export type MedusaVariant = z.infer<typeof medusaVariantSchema>;

export const medusaProductSchema = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: text,
  description: text,
  handle: text,
  status: z.string(),
  external_id: text,
  weight: z.number().nullish(),
  metadata: metadataSchema,
  options: z.array(medusaOptionSchema).nullish(),
  variants: z.array(medusaVariantSchema).nullish(),
  sales_channels: z.array(z.object({ id: z.string() }).loose()).nullish(),
  created_at: z.string().nullish(),
  updated_at: stamp,
  deleted_at: text,
}).loose();
export type MedusaProduct = z.infer<typeof medusaProductSchema>;

export const medusaAddressSchema = z.object({
  id: text,
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  postal_code: text,
  province: text,
  country_code: text,
  phone: text,
  is_default_shipping: z.boolean().nullish(),
  is_default_billing: z.boolean().nullish(),
}).loose();
export type MedusaAddress = z.infer<typeof medusaAddressSchema>;

export const medusaCustomerSchema = z.object({
  id: z.string(),
  email: text,
  first_name: text,
  last_name: text,
  company_name: text,
  phone: text,
  has_account: z.boolean().nullish(),
  metadata: metadataSchema,
  groups: z.array(z.object({ id: z.string(), name: text }).loose()).nullish(),
  addresses: z.array(medusaAddressSchema).nullish(),
  created_at: z.string().nullish(),
  updated_at: stamp,
}).loose();
export type MedusaCustomer = z.infer<typeof medusaCustomerSchema>;

export const medusaCustomerGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  metadata: metadataSchema,
  created_at: z.string().nullish(),
  updated_at: stamp,
}).loose();
export type MedusaCustomerGroup = z.infer<typeof medusaCustomerGroupSchema>;

export const medusaPriceListSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: text,
  type: text,
  status: text,
  starts_at: text,
  ends_at: text,
  rules: z.record(z.string(), z.unknown()).nullish(),
  metadata: metadataSchema,
  prices: z.array(medusaPriceSchema).nullish(),
  created_at: z.string().nullish(),
  updated_at: stamp,
}).loose();
export type MedusaPriceList = z.infer<typeof medusaPriceListSchema>;

export const medusaLevelSchema = z.object({
  id: z.string(),
  location_id: z.string(),
  stocked_quantity: z.number(),
  reserved_quantity: z.number().nullish(),
  incoming_quantity: z.number().nullish(),
  available_quantity: z.number().nullish(),
  updated_at: stamp,
}).loose();
export type MedusaLevel = z.infer<typeof medusaLevelSchema>;

export const medusaInventoryItemSchema = z.object({
  id: z.string(),
  sku: text,
  location_levels: z.array(medusaLevelSchema).nullish(),
  updated_at: z.string().nullish(),
}).loose();
export type MedusaInventoryItem = z.infer<typeof medusaInventoryItemSchema>;

export const medusaStockLocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: medusaAddressSchema.nullish(),
  metadata: metadataSchema,
  fulfillment_sets: z.array(z.object({ id: z.string(), type: text, name: text }).loose()).nullish(),
  updated_at: stamp,
}).loose();
export type MedusaStockLocation = z.infer<typeof medusaStockLocationSchema>;

export const medusaLineItemSchema = z.object({
  id: z.string(),
  title: text,
  product_title: text,
  variant_sku: text,
  variant_id: text,
  quantity: z.number(),
  unit_price: z.number(),
  raw_unit_price: rawAmountSchema,
  subtotal: z.number().nullish(),
  total: z.number().nullish(),
  tax_total: z.number().nullish(),
  discount_total: z.number().nullish(),
  tax_lines: z.array(z.object({ rate: z.number().nullish() }).loose()).nullish(),
  detail: z.object({ fulfilled_quantity: z.number().nullish(), shipped_quantity: z.number().nullish() }).loose().nullish(),
}).loose();
export type MedusaLineItem = z.infer<typeof medusaLineItemSchema>;

export const medusaFulfillmentSchema = z.object({
  id: z.string(),
  location_id: text,
  packed_at: text,
  shipped_at: text,
  delivered_at: text,
  canceled_at: text,
  created_at: z.string().nullish(),
  metadata: metadataSchema,
  labels: z.array(z.object({ tracking_number: text, tracking_url: text, label_url: text }).loose()).nullish(),
  items: z.array(z.object({ line_item_id: text, quantity: z.number() }).loose()).nullish(),
}).loose();
export type MedusaFulfillment = z.infer<typeof medusaFulfillmentSchema>;

export const medusaShippingMethodSchema = z.object({
  id: z.string(),
  name: text,
  shipping_option_id: text,
  amount: z.number().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
}).loose();

export const medusaPaymentSchema = z.object({
  id: z.string(),
  amount: z.number().nullish(),
  captured_at: text,
  canceled_at: text,
}).loose();

export const medusaOrderSchema = z.object({
  id: z.string(),
  display_id: z.number().nullish(),
  status: z.string(),
  payment_status: text,
  fulfillment_status: text,
  email: text,
  currency_code: z.string(),
  customer_id: text,
  sales_channel_id: text,
  metadata: metadataSchema,
  items: z.array(medusaLineItemSchema).nullish(),
  shipping_address: medusaAddressSchema.nullish(),
  shipping_methods: z.array(medusaShippingMethodSchema).nullish(),
  fulfillments: z.array(medusaFulfillmentSchema).nullish(),
  payment_collections: z.array(z.object({ id: z.string(), payments: z.array(medusaPaymentSchema).nullish() }).loose()).nullish(),
  item_subtotal: z.number().nullish(),
  subtotal: z.number().nullish(),
  shipping_total: z.number().nullish(),
  discount_total: z.number().nullish(),
  tax_total: z.number().nullish(),
  total: z.number().nullish(),
  created_at: z.string(),
  updated_at: stamp,
}).loose();
export type MedusaOrder = z.infer<typeof medusaOrderSchema>;

/** A list answer: `{ <resource>: [...], count, offset, limit }` (rows parsed per record by the streams). */
export function medusaListSchema(resource: string) {
  return z.looseObject({ count: z.number().nullish() }).and(z.looseObject({ [resource]: z.array(z.unknown()) }))
    .transform((body) => ({ rows: (body as Record<string, unknown>)[resource] as unknown[], count: body.count ?? null }));
}
