import http from "node:http";
import type { FlowCounts } from "../../state";

/** Counters of one worker process. */
export interface WorkerMetrics {
  worker: string;
  startedAt: string;
  jobsDone: number;
  /** Partitions found already applied (a redelivered or stalled job). */
  jobsSkipped: number;
  jobsFailed: number;
  runsCoordinated: number;
  records: number;
  written: number;
  requests: number;
  retries: number;
  busyMs: number;
  maxJobMs: number;
  /** Times a shared rate budget made this worker wait. */
  throttled: number;
}

/** Fresh metrics. */
export function newMetrics(worker: string): WorkerMetrics {
  return {
    worker, startedAt: new Date().toISOString(), jobsDone: 0, jobsSkipped: 0, jobsFailed: 0, runsCoordinated: 0,
    records: 0, written: 0, requests: 0, retries: 0, busyMs: 0, maxJobMs: 0, throttled: 0,
  };
}

/** Count one finished partition. */
export function countJob(metrics: WorkerMetrics, counts: FlowCounts | undefined, ms: number): void {
  if (!counts) metrics.jobsSkipped++;
  else {
    metrics.jobsDone++;
    metrics.records += counts.read;
    metrics.written += counts.written;
    metrics.requests += counts.requests;
    metrics.retries += counts.retries;
  }
  metrics.busyMs += ms;
  metrics.maxJobMs = Math.max(metrics.maxJobMs, ms);
}

/** Prometheus text exposition of the counters (`omnibridge_worker_<name>{worker="…"}`). */
export function prometheusText(metrics: WorkerMetrics): string {
  const label = `{worker=${JSON.stringify(metrics.worker)}}`;
  return Object.entries(metrics).filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `omnibridge_worker_${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}${label} ${v as number}`).join("\n") + "\n";
}

/** Serve `/metrics` (Prometheus text) and `/metrics.json` on 127.0.0.1 (or `host`). */
export async function serveMetrics(metrics: () => WorkerMetrics, port: number, host = "127.0.0.1"): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === "/metrics.json") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(metrics()));
    if (req.url === "/metrics") return void res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(prometheusText(metrics()));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : port, close: () => new Promise((r) => server.close(() => r())) };
}
