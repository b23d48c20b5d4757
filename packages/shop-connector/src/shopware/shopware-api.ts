import { z } from "zod";

// Raw Admin API payloads in the simple JSON shape (`Accept: application/json`), minimal and tolerant:
// only the fields the mappers read, unknown fields pass, unloaded associations are null.
// Entity reference: https://shopware.stoplight.io/docs/admin-api/ (adminapi.json components.schemas)

/** `POST /api/oauth/token` answer (docs/concepts/authentication-authorisation.md). */
export const shopwareTokenSchema = z.object({
  token_type: z.string(),
  expires_in: z.number().positive(),
  access_token: z.string().min(1),
});

const stateSchema = z.object({ technicalName: z.string() }).loose();

/** A price entry (`Price` schema): one currency's gross and net as decimals. */
export const shopwarePriceSchema = z.object({
  currencyId: z.string().nullish(),
  gross: z.number(),
  net: z.number(),
  linked: z.boolean().nullish(),
  listPrice: z.object({ currencyId: z.string().nullish(), gross: z.number(), net: z.number(), linked: z.boolean().nullish() }).nullish(),
}).loose();
/** A Shopware price entry. */
export type ShopwarePrice = z.infer<typeof shopwarePriceSchema>;

const optionSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  group: z.object({ id: z.string(), name: z.string().nullish() }).loose().nullish(),
}).loose();

/** Advanced price (`ProductPrice`): a rule's price from a quantity on. */
export const shopwareProductPriceSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  quantityStart: z.number(),
  quantityEnd: z.number().nullish(),
  price: z.array(shopwarePriceSchema).nullish(),
}).loose();

const productShape = {
  id: z.string(),
  parentId: z.string().nullish(),
  productNumber: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  active: z.boolean().nullish(),
  ean: z.string().nullish(),
  weight: z.number().nullish(),
  stock: z.number().nullish(),
  // The documented sample (request-response-structure.md) shows one price object; 6.x sends an array per currency.
  price: z.union([z.array(shopwarePriceSchema), shopwarePriceSchema]).nullish(),
  prices: z.array(shopwareProductPriceSchema).nullish(),
  options: z.array(optionSchema).nullish(),
  visibilities: z.array(z.object({ salesChannelId: z.string(), visibility: z.number() }).loose()).nullish(),
  customFields: z.record(z.string(), z.unknown()).nullish(),
  tax: z.object({ taxRate: z.number() }).loose().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
};
/** A product row without nested products. */
export const shopwareProductRowSchema = z.object(productShape).loose();
/** A Shopware product row (a variant, or a parent without its children). */
export type ShopwareProductRow = z.infer<typeof shopwareProductRowSchema>;
/** A product or variant (`Product`); variants are children with `parentId`. */
export const shopwareProductSchema = z.object({
  ...productShape,
  children: z.array(shopwareProductRowSchema).nullish(),
  parent: shopwareProductRowSchema.nullish(),
}).loose();
/** A Shopware product. */
export type ShopwareProduct = z.infer<typeof shopwareProductSchema>;

const addressSchema = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  street: z.string().nullish(),
  additionalAddressLine1: z.string().nullish(),
  zipcode: z.string().nullish(),
  city: z.string().nullish(),
  country: z.object({ iso: z.string().nullish() }).loose().nullish(),
}).loose();
/** A customer or order address. */
export type ShopwareAddress = z.infer<typeof addressSchema>;

/** A customer (`Customer`) with its group and default addresses when loaded. */
export const shopwareCustomerSchema = z.object({
  id: z.string(),
  customerNumber: z.string().nullish(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  accountType: z.string().nullish(),
  vatIds: z.array(z.string()).nullish(),
  groupId: z.string().nullish(),
  group: z.object({ id: z.string(), name: z.string().nullish(), displayGross: z.boolean().nullish() }).loose().nullish(),
  language: z.object({ locale: z.object({ code: z.string() }).loose().nullish() }).loose().nullish(),
  defaultBillingAddress: addressSchema.nullish(),
  defaultShippingAddress: addressSchema.nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
}).loose();
/** A Shopware customer. */
export type ShopwareCustomer = z.infer<typeof shopwareCustomerSchema>;

const calculatedPriceSchema = z.object({
  unitPrice: z.number().nullish(),
  totalPrice: z.number().nullish(),
  calculatedTaxes: z.array(z.object({ tax: z.number(), taxRate: z.number() }).loose()).nullish(),
  taxRules: z.array(z.object({ taxRate: z.number() }).loose()).nullish(),
}).loose();

/** An order line item (`OrderLineItem`): `product`, `promotion`, `credit`, `custom`, … */
export const shopwareLineItemSchema = z.object({
  id: z.string(),
  type: z.string().nullish(),
  label: z.string().nullish(),
  quantity: z.number(),
  unitPrice: z.number().nullish(),
  totalPrice: z.number().nullish(),
  price: calculatedPriceSchema.nullish(),
  payload: z.record(z.string(), z.unknown()).nullish(),
  referencedId: z.string().nullish(),
  parentId: z.string().nullish(),
}).loose();
/** A Shopware order line item. */
export type ShopwareLineItem = z.infer<typeof shopwareLineItemSchema>;

/** A delivery (`OrderDelivery`): state, tracking codes, shipping method and positions. */
export const shopwareDeliverySchema = z.object({
  id: z.string(),
  trackingCodes: z.array(z.string()).nullish(),
  stateMachineState: stateSchema.nullish(),
  shippingMethod: z.object({ name: z.string().nullish(), trackingUrl: z.string().nullish() }).loose().nullish(),
  positions: z.array(z.object({ orderLineItemId: z.string(), quantity: z.number() }).loose()).nullish(),
  shippingDateEarliest: z.string().nullish(),
  updatedAt: z.string().nullish(),
}).loose();
/** A Shopware order delivery. */
export type ShopwareDelivery = z.infer<typeof shopwareDeliverySchema>;

/** A payment (`OrderTransaction`). */
export const shopwareTransactionSchema = z.object({
  id: z.string(),
  stateMachineState: stateSchema.nullish(),
  createdAt: z.string().nullish(),
}).loose();
/** A Shopware order transaction. */
export type ShopwareTransaction = z.infer<typeof shopwareTransactionSchema>;

/** An order (`Order`) with the associations the connector asks for. */
export const shopwareOrderSchema = z.object({
  id: z.string(),
  orderNumber: z.string().nullish(),
  orderDateTime: z.string(),
  salesChannelId: z.string().nullish(),
  amountTotal: z.number(),
  amountNet: z.number(),
  positionPrice: z.number(),
  shippingTotal: z.number().nullish(),
  taxStatus: z.string().nullish(),
  currency: z.object({ isoCode: z.string() }).loose().nullish(),
  stateMachineState: stateSchema.nullish(),
  orderCustomer: z.object({ customerNumber: z.string().nullish(), email: z.string().nullish(),
    company: z.string().nullish() }).loose().nullish(),
  lineItems: z.array(shopwareLineItemSchema).nullish(),
  deliveries: z.array(shopwareDeliverySchema).nullish(),
  transactions: z.array(shopwareTransactionSchema).nullish(),
  customFields: z.record(z.string(), z.unknown()).nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
}).loose();
/** A Shopware order. */
export type ShopwareOrder = z.infer<typeof shopwareOrderSchema>;

/**
 * `POST /api/search/{entity}` with `Accept: application/json`: `{ total, data, aggregations }`. Rows stay
 * unknown here: each is parsed on its own, so one malformed record becomes an issue, not a failed page.
 */
export const shopwareSearchSchema = z.object({
  total: z.number().nullish(),
  data: z.array(z.unknown()),
}).loose();

/** `POST /api/_action/sync` answer (6.5+): written ids per entity, not found, deleted. */
export const shopwareSyncResultSchema = z.object({
  data: z.record(z.string(), z.array(z.unknown())).default({}),
  notFound: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
  deleted: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
}).loose();

/** One JSON:API error (`error` schema). */
export const shopwareErrorSchema = z.object({
  status: z.string().nullish(),
  code: z.string().nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  description: z.string().nullish(),
  source: z.object({ pointer: z.string().nullish(), parameter: z.string().nullish() }).loose().nullish(),
  meta: z.record(z.string(), z.unknown()).nullish(),
}).loose();
/** A Shopware JSON:API error. */
export type ShopwareError = z.infer<typeof shopwareErrorSchema>;
/** The `failure` body: `{ errors: [...] }`. */
export const shopwareFailureSchema = z.object({ errors: z.array(shopwareErrorSchema) }).loose();

/** `GET /api/_info/version`. */
export const shopwareVersionSchema = z.object({ version: z.string() }).loose();
