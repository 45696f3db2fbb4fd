import { TargetError } from '../../core/target.js';

/** A counting semaphore whose waiters can give up (abort signal); FIFO, so no host starves. */
export class Semaphore {
  #used = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(public limit: number) {}

  get used(): number {
    return this.#used;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  tryAcquire(): boolean {
    if (this.#used >= this.limit) return false;
    this.#used++;
    return true;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new TargetError('interrupted while queued', 'interrupted'));
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#used++;
        resolve();
      };
      const onAbort = () => {
        const i = this.#waiters.indexOf(wake);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(new TargetError('interrupted while queued', 'interrupted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(wake);
    });
  }

  release(): void {
    this.#used = Math.max(0, this.#used - 1);
    this.pump();
  }

  /** Wakes waiters while there is room (also after `limit` was raised). */
  pump(): void {
    while (this.#used < this.limit && this.#waiters.length > 0) this.#waiters.shift()!();
  }
}
