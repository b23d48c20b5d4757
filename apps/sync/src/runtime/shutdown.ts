/** Exit code of a process stopped by a signal (128 + its number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1);
}

/** A graceful stop wired to SIGTERM and SIGINT. */
export interface Shutdown {
  /** Aborted on the first signal. */
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Remove the handlers (the default behaviour returns). */
  dispose(): void;
}

/**
 * The first SIGTERM/SIGINT aborts `signal`: work stops at the next abort point (the page in
 * flight is rolled back, applied pages stay committed) and the caller records the run as
 * interrupted. A second signal exits at once with 128 + its number.
 */
export function onShutdown(log: (line: string) => void, exit: (code: number) => void = (code) => process.exit(code)): Shutdown {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      log(`${signal} again: exiting now`);
      exit(signalExitCode(signal));
      return;
    }
    received = signal;
    log(`${signal}: stopping — the page in flight is abandoned, applied pages are kept (send ${signal} again to exit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose() {
      process.off("SIGTERM", handler);
      process.off("SIGINT", handler);
    },
  };
}
