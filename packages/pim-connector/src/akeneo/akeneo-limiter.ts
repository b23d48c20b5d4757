/**
 * Bounds concurrent calls: Akeneo asks for at most 4 concurrent calls per connection
 * (https://api.akeneo.com/documentation/good-practices.html).
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Highest number of calls in flight at once. */
  peak = 0;

  constructor(readonly max: number) {}

  /** Run `task` once a slot is free; a finishing task hands its slot straight to the next waiter. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
