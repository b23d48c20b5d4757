import net from "node:net";
import axios, { type AxiosInstance } from "axios";
import { describe, expect, it } from "vitest";
import {
  createWorld, mutateWorld, startEmulators, worldApiEmulator, type EmulatorFactory, type FaultPlan,
} from "../src/index";

const world = createWorld({ seed: 11, products: 200 });

function client(url: string, token = "world-api-test-token"): AxiosInstance {
  return axios.create({ baseURL: url, timeout: 400, headers: { authorization: `Bearer ${token}` }, responseType: "text", transformResponse: (d) => d, validateStatus: () => true });
}

type Outcome = "ok" | "malformed" | "429" | "500" | "502" | "503" | "reset" | "timeout" | "slow";

async function outcome(http: AxiosInstance, i: number): Promise<Outcome> {
  const started = Date.now();
  try {
    const response = await http.get(`/api/product?offset=${i % 150}&limit=2`);
    if (response.status !== 200) return String(response.status) as Outcome;
    try {
      JSON.parse(response.data as string);
    } catch {
      return "malformed";
    }
    return Date.now() - started >= 120 ? "slow" : "ok";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") return "timeout";
    if (code === "ECONNRESET" || code === "ECONNREFUSED" || code === "EPIPE") return "reset";
    throw error;
  }
}

const plan: FaultPlan = {
  default: { rateLimited: 0.05, serverError: 0.06, timeout: 0.01, reset: 0.03, slow: 0.02, slowMs: 150, malformed: 0.04 },
  routes: [{ method: "GET", path: "/api/segment", rates: {} }],
};

async function run(requests: number): Promise<Outcome[]> {
  const host = await startEmulators({ world, factories: [worldApiEmulator], faults: { "world-api": plan }, seed: 42 });
  try {
    const http = client(host.get("world-api").url);
    const out: Outcome[] = [];
    for (let i = 0; i < requests; i += 1) out.push(await outcome(http, i));
    expect(host.get("world-api").requestCount()).toBe(requests);
    return out;
  } finally {
    await host.stop();
  }
}

describe("fault injection observed by a real HTTP client", () => {
  it("produces each fault at its configured rate over 2,000 requests, reproducibly for a seed", async () => {
    const outcomes = await run(2_000);
    const share = (...kinds: Outcome[]) => outcomes.filter((o) => kinds.includes(o)).length / outcomes.length;
    // 3.5 standard deviations of a binomial share, plus a small floor.
    const tolerance = (expected: number) => 3.5 * Math.sqrt((expected * (1 - expected)) / outcomes.length) + 0.002;
    const within = (observed: number, expected: number) => expect(Math.abs(observed - expected)).toBeLessThan(tolerance(expected));
    within(share("429"), 0.05);
    within(share("500", "502", "503"), 0.06);
    within(share("timeout"), 0.01);
    within(share("reset"), 0.03);
    // "slow" is told from "ok" by the clock only: every delayed response takes at least slowMs
    // (150 ms ≥ the 120 ms mark), but on a loaded machine a plain response can take that long
    // too. So the delayed share is a lower bound, and the replay compares answers, not timings.
    expect(share("slow")).toBeGreaterThan(0.02 - tolerance(0.02));
    within(share("malformed"), 0.04);
    for (const status of ["500", "502", "503"] as const) expect(share(status)).toBeGreaterThan(0.005);
    const again = await run(300);
    const answer = (o: Outcome) => (o === "slow" ? "ok" : o);
    expect(again.map(answer)).toEqual(outcomes.slice(0, 300).map(answer));
  }, 180_000);

  it("applies per-route rates (a route with no faults never fails)", async () => {
    const host = await startEmulators({ world, factories: [worldApiEmulator], faults: { "world-api": plan } });
    try {
      const http = client(host.get("world-api").url);
      for (let i = 0; i < 100; i += 1) expect((await http.get("/api/segment?limit=5")).status).toBe(200);
    } finally {
      await host.stop();
    }
  });
});

describe("emulator host", () => {
  it("serves world records with auth, pagination and vendor-style 429s, applies change sets, frees ports on stop", async () => {
    const host = await startEmulators({ world, factories: [worldApiEmulator], rateLimits: { "world-api": { limit: 5, windowMs: 60_000 } } });
    const emulator = host.get("world-api");
    const http = client(emulator.url);
    const page = await http.get("/api/product?offset=10&limit=3");
    const body = JSON.parse(page.data as string) as { items: Array<{ key: string }>; total: number };
    expect(body.items.map((p) => p.key)).toEqual(["SKU-000011", "SKU-000012", "SKU-000013"]);
    expect(body.total).toBe(200);
    expect((await client(emulator.url, "wrong").get("/api/product")).status).toBe(401);
    const { changes } = mutateWorld(world, { changeRate: 0.1, deleteRate: 0.05 });
    await host.apply(changes);
    const deleted = changes.deleted.find((d) => d.entity === "product")!.key;
    const after = JSON.parse((await http.get("/api/product?limit=100")).data as string) as { items: Array<{ key: string }>; total: number };
    expect(after.total).toBe(200 - changes.deleted.filter((d) => d.entity === "product").length);
    expect(after.items.some((p) => p.key === deleted)).toBe(false);
    for (let i = 0; i < 3; i += 1) expect((await http.get("/api/category")).status).toBe(200);
    const limited = await http.get("/api/category");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const port = Number(new URL(emulator.url).port);
    await host.stop();
    await host.stop();
    await new Promise<void>((resolve, reject) => {
      const server = net.createServer().once("error", reject).listen(port, "127.0.0.1", () => server.close(() => resolve()));
    });
    expect(() => host.get("nope")).toThrow(/no emulator named nope/);
  });

  it("stops what already started when a later factory fails", async () => {
    let stopped = 0;
    const tracking: EmulatorFactory = {
      name: "tracking",
      async start(options) {
        const running = await worldApiEmulator.start(options);
        return { ...running, name: "tracking", stop: async () => { stopped += 1; await running.stop(); } };
      },
    };
    const failing: EmulatorFactory = { name: "failing", start: async () => { throw new Error("boom"); } };
    await expect(startEmulators({ world, factories: [tracking, failing] })).rejects.toThrow("boom");
    expect(stopped).toBe(1);
  });
});
