/**
 * Failed logins per client address and per user name in a sliding window:
 * past `max` failures, logins from that address (or for that name) are refused
 * until the oldest failure leaves the window — a guessing attack gets a few
 * tries per quarter hour, a user who mistyped waits a little. In memory: one
 * daemon serves the page, and a restart forgetting the count is acceptable.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds to wait before another try, 0 when allowed. */
  retryAfterMs(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const k of keys) {
      const list = this.#recent(k, now);
      if (list.length >= this.max) wait = Math.max(wait, list[0]! + this.windowMs - now);
    }
    return wait;
  }

  fail(keys: readonly string[], now: number): void {
    for (const k of keys) this.#failures.set(k, [...this.#recent(k, now), now]);
    if (this.#failures.size > 10_000) this.#prune(now);
  }

  succeed(keys: readonly string[]): void {
    for (const k of keys) this.#failures.delete(k);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  #prune(now: number): void {
    for (const k of [...this.#failures.keys()]) {
      const list = this.#recent(k, now);
      if (list.length === 0) this.#failures.delete(k);
      else this.#failures.set(k, list);
    }
  }
}
