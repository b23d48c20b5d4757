// Seeds a freshly started Medusa v2 (scripts/medusa/start.sh) through Medusa's own admin HTTP API
// and writes the connection facts the shop-connector tests need to a JSON file (mode 600).
//
// usage: node seed.mjs <url> <admin-email> <admin-password> <out.json> <database>
//
// What it creates (API reference: https://docs.medusajs.com/api/admin):
//   store currencies eur (default) + usd · regions "Europe" (eur) and "United States" (usd) with
//   pp_system_default · sales channel "omnibridge Webshop" + a publishable key linked to it ·
//   a secret API key (Basic auth) · stock locations "Main Warehouse" (delivery) and "Store Munich"
//   (click & collect) with the manual fulfillment provider · fulfillment sets, service zones and
//   shipping options (delivery EU, delivery US, pickup in the store) · customer groups.
// Every shipping option needs the six prerequisites (vendor-apis.md §9 "Store checkout").
import { writeFileSync, renameSync } from "node:fs";

const [url, email, password, out, database] = process.argv.slice(2);
if (!url || !email || !password || !out) {
  console.error("usage: node seed.mjs <url> <admin-email> <admin-password> <out.json> <database>");
  process.exit(2);
}

let auth = "";

async function call(method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path.split("?")[0]} → ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

const { token } = await call("POST", "/auth/user/emailpass", { email, password });
auth = `Bearer ${token}`;

// A secret key: what a connector uses (Basic auth, no expiry).
const { api_key: secret } = await call("POST", "/admin/api-keys", { title: "omnibridge shop-connector", type: "secret" });

const { stores } = await call("GET", "/admin/stores");
const store = stores[0];
await call("POST", `/admin/stores/${store.id}`, {
  supported_currencies: [{ currency_code: "eur", is_default: true }, { currency_code: "usd" }],
});

const { region: europe } = await call("POST", "/admin/regions", {
  name: "Europe", currency_code: "eur", countries: ["de", "fr", "at", "nl"], payment_providers: ["pp_system_default"],
});
const { region: us } = await call("POST", "/admin/regions", {
  name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"],
});

const { sales_channel: channel } = await call("POST", "/admin/sales-channels", { name: "omnibridge Webshop" });
const { api_key: publishable } = await call("POST", "/admin/api-keys", { title: "omnibridge Webshop", type: "publishable" });
await call("POST", `/admin/api-keys/${publishable.id}/sales-channels`, { add: [channel.id] });

const { shipping_profiles: profiles } = await call("GET", "/admin/shipping-profiles?limit=10");
const profile = profiles.find((p) => p.type === "default") ?? profiles[0];
if (!profile) throw new Error("no shipping profile after first boot");

async function location(name, address) {
  const { stock_location: created } = await call("POST", "/admin/stock-locations", { name, address });
  await call("POST", `/admin/stock-locations/${created.id}/sales-channels`, { add: [channel.id] });
  await call("POST", `/admin/stock-locations/${created.id}/fulfillment-providers`, { add: ["manual_manual"] });
  return created;
}

async function fulfillmentSet(locationId, name, type) {
  const { stock_location: withSets } = await call(
    "POST", `/admin/stock-locations/${locationId}/fulfillment-sets?fields=*fulfillment_sets`, { name, type },
  );
  const set = withSets.fulfillment_sets.find((s) => s.name === name);
  if (!set) throw new Error(`fulfillment set ${name} missing in the response`);
  return set;
}

async function zone(setId, name, countries) {
  const { fulfillment_set: set } = await call("POST", `/admin/fulfillment-sets/${setId}/service-zones`, {
    name, geo_zones: countries.map((country_code) => ({ type: "country", country_code })),
  });
  const created = set.service_zones.find((z) => z.name === name);
  if (!created) throw new Error(`service zone ${name} missing in the response`);
  return created;
}

async function shippingOption(serviceZoneId, name, code, prices) {
  const { shipping_option: option } = await call("POST", "/admin/shipping-options", {
    name, service_zone_id: serviceZoneId, shipping_profile_id: profile.id, provider_id: "manual_manual",
    price_type: "flat", type: { label: name, description: name, code }, prices,
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" },
      { attribute: "is_return", value: "false", operator: "eq" },
    ],
  });
  return option;
}

const warehouse = await location("Main Warehouse", {
  address_1: "Lagerstraße 1", city: "Berlin", postal_code: "10115", country_code: "de",
});
const shop = await location("Store Munich", {
  address_1: "Marienplatz 8", city: "München", postal_code: "80331", country_code: "de",
});

const delivery = await fulfillmentSet(warehouse.id, "Main Warehouse delivery", "shipping");
const euZone = await zone(delivery.id, "EU", ["de", "fr", "at", "nl"]);
const usZone = await zone(delivery.id, "US", ["us"]);
const standard = await shippingOption(euZone.id, "Standard delivery", "standard", [{ currency_code: "eur", amount: 4.95 }]);
const standardUs = await shippingOption(usZone.id, "Standard delivery US", "standard-us", [{ currency_code: "usd", amount: 5.95 }]);

const pickupSet = await fulfillmentSet(shop.id, "Store Munich pickup", "pickup");
const pickupZone = await zone(pickupSet.id, "Store Munich pickup", ["de"]);
const pickup = await shippingOption(pickupZone.id, "Pickup in Store Munich", "pickup", [{ currency_code: "eur", amount: 0 }]);

const { customer_group: b2b } = await call("POST", "/admin/customer-groups", { name: "B2B Wholesale" });
const { customer_group: vip } = await call("POST", "/admin/customer-groups", { name: "VIP" });

const facts = {
  url,
  medusaVersion: "2.18.0",
  database,
  admin: { email, password },
  secretApiKey: secret.token,
  publishableApiKey: publishable.token,
  storeId: store.id,
  salesChannelId: channel.id,
  shippingProfileId: profile.id,
  regions: { eur: europe.id, usd: us.id },
  stockLocations: { warehouse: warehouse.id, store: shop.id },
  fulfillmentSets: { delivery: delivery.id, pickup: pickupSet.id },
  shippingOptions: { delivery: standard.id, deliveryUs: standardUs.id, pickup: pickup.id },
  customerGroups: { b2b: b2b.id, vip: vip.id },
};
writeFileSync(`${out}.tmp`, `${JSON.stringify(facts, null, 2)}\n`, { mode: 0o600 });
renameSync(`${out}.tmp`, out);
console.log(`seeded ${url}: 2 regions, 1 sales channel, 2 stock locations, 3 shipping options, 2 customer groups`);
