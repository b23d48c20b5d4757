// Benchmark (not a test): requests and time to put promotions on the contacts of large segments
// (HubSpot emulator), first write vs an unchanged re-write.
// Run: pnpm --filter @omnibridge/crm-connector bench   (builds first, then runs against dist)
import { createHubSpotConnector } from "../dist/index.js";
import { startHubSpotEmulator } from "../dist/testing.js";

const contacts = Number(process.env.BENCH_CONTACTS ?? 5_000);
const promotions = Number(process.env.BENCH_PROMOTIONS ?? 10);
const at = "2026-01-01T00:00:00.000Z";
const customers = Array.from({ length: contacts }, (_, i) => ({
  key: `C-${i}`, externalIds: {}, updatedAt: at, type: "person", email: `c${i}@bench.example`, firstName: "C", lastName: String(i), phone: null,
  locale: "en", customerNumber: null, customerGroup: null, companyKey: null, roles: [], addresses: [], consent: { email: "unknown", sms: "unknown" }, segments: [],
}));
const segments = ["half", "third"].map((key, s) => ({
  key, externalIds: {}, updatedAt: at, name: key, purpose: "marketing", rules: [], memberKeys: customers.filter((_, i) => i % (s + 2) === 0).map((c) => c.key),
}));
const promotion = (p) => ({
  key: `P-${p}`, externalIds: {}, updatedAt: at, name: { en: `Deal ${p}` }, description: {}, kind: "automatic", couponCodes: [], reward: { type: "free_shipping" },
  minimumAmount: null, minimumQuantity: null, skus: [], categoryKeys: [], channels: [], segmentKeys: [segments[p % 2].key], validFrom: null, validTo: null, status: "active",
});

const emulator = await startHubSpotEmulator({
  customers, segments, rateLimit: { limit: 100_000, windowMs: 1_000 }, searchRateLimit: { limit: 1_000, windowMs: 1_000 },
});
const connector = createHubSpotConnector({ ...emulator.settings, rateLimit: { limit: 100_000, windowMs: 1_000 } });
const records = Array.from({ length: promotions }, (_, p) => promotion(p));
for (const label of ["first write", "re-write (unchanged)"]) {
  const before = emulator.server.requests.length;
  const started = performance.now();
  const outcomes = await connector.write("promotion", records);
  const ms = performance.now() - started;
  const statuses = [...new Set(outcomes.map((o) => o.status))].join(",");
  console.log(`${label}: ${promotions} promotions over ${contacts} contacts → ${emulator.server.requests.length - before} requests, ${ms.toFixed(0)} ms, ${statuses}`);
}
await connector.close();
await emulator.stop();
