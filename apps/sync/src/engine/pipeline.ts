/**
 * Iterate `source` one item ahead: as soon as an item is handed out, the next one is requested,
 * so reading page N+1 overlaps applying page N. At most one item waits (memory stays bounded by
 * two pages). A read failure of the prefetched item surfaces only when the consumer asks for it,
 * i.e. after the current page is applied and checkpointed. When the consumer stops early, the
 * source is closed without waiting for a request still in flight (its own signal ends it).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let done = false;
  try {
    for (;;) {
      const step = await next;
      if (step.done) {
        done = true;
        return;
      }
      next = iterator.next();
      // Observed here so a failure while the consumer is busy (or gone) is never an unhandled rejection.
      next.catch(() => undefined);
      yield step.value;
    }
  } finally {
    if (!done) void next.then(() => iterator.return?.(), () => undefined).catch(() => undefined);
  }
}

/**
 * Run `work` over `items` with at most `concurrency` calls in flight, results in input order.
 * After the first failure no further item starts; the calls in flight are awaited, then the
 * first failure is thrown (so nothing still runs once the caller's transaction rolls back).
 */
export async function runLimited<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  if (failure) throw failure.error;
  return results;
}
