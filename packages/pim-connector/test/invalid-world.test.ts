import { afterEach, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { createAkeneoConnector } from "../src";
import { startAkeneoEmulator, type AkeneoEmulator } from "../src/testing";

describe("a world with deliberately broken products", () => {
  let emulator: AkeneoEmulator | undefined;
  afterEach(async () => emulator?.stop());

  it("seeds them as given and reports each per record while the rest flow", async () => {
    // Seed 2 at 5 % breaks products every way the world can: bad currency code (an `msrp` price
    // in "EURO"), broken locale key, oversize text, script tag.
    const world = createWorld({ seed: 2, products: 200, invalidRate: 0.05 });
    const broken = [...world.invalidRecords()].filter((r) => r.entity === "product");
    expect(new Set(broken.map((r) => r.problem))).toContain("bad currency code");
    emulator = await startAkeneoEmulator({ world });
    const pim = createAkeneoConnector({ ...emulator.settings });
    const keys = new Set<string>();
    const issues: string[] = [];
    const warnings: string[] = [];
    for await (const page of pim.read("product", { pageSize: 50 })) {
      for (const item of page.items) keys.add(item.key);
      issues.push(...page.issues.filter((i) => i.severity !== "warning").map((i) => i.recordKey));
      warnings.push(...page.issues.filter((i) => i.severity === "warning").map((i) => i.recordKey));
    }
    await pim.close();
    const valid = [...world.products()].filter((p) => !world.isInvalid("product", p.key)).map((p) => p.key);
    for (const key of valid) expect(keys.has(key), key).toBe(true);
    // One issue per broken product (variant products are named by their uuid); an `en_US` locale
    // key is Akeneo's own spelling and maps to `en`, so that one is valid here.
    // A script tag is removed by the canonical sanitiser: that product flows, cleaned, with a warning naming it.
    const scripted = broken.filter((r) => r.problem === "script tag").map((r) => r.key);
    expect(issues).toHaveLength(broken.filter((r) => r.problem !== "broken locale key" && r.problem !== "script tag").length);
    for (const key of scripted) expect(keys.has(key) && warnings.includes(key), key).toBe(true);
  });
});
