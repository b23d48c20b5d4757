/**
 * Run `fn` over `items` with at most `concurrency` calls in flight, keeping results in input
 * order. Batch writers use it to keep several batches in flight while a shared rate budget
 * paces the requests: with one batch at a time, request latency, not the vendor's limit,
 * would bound throughput.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError("concurrency must be an integer ≥ 1");
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
