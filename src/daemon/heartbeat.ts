import type { Logger } from 'pino';
import type { HeartbeatSettings } from '../config/notify-settings.js';
import { resolveSecrets } from '../config/secrets.js';
import { scrub, urlSecrets } from '../notify/types.js';

/*
 * The dead-man switch: after each daemon round, a GET to a Healthchecks-style
 * URL. When the pings stop (ronde stopped, the machine died, the loop hung),
 * the outside service alerts — the one failure ronde cannot report itself.
 * Fire and forget: a slow or dead receiver never delays the loop.
 */

/** Pings in flight; awaited on stop so the process exits cleanly. */
export class Heartbeat {
  readonly #inflight = new Set<Promise<void>>();

  constructor(
    readonly settings: HeartbeatSettings,
    readonly log: Logger,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** `failed`: the round could not run or be saved (Healthchecks' `/fail` convention). Never throws. */
  ping(failed: boolean, signal?: AbortSignal): void {
    const p = this.#send(failed, signal).finally(() => this.#inflight.delete(p));
    this.#inflight.add(p);
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.#inflight]);
  }

  async #send(failed: boolean, signal?: AbortSignal): Promise<void> {
    let secrets: string[] = [];
    try {
      // Resolved at each ping: a rotated secret is picked up, and the value is never kept.
      const base = resolveSecrets(this.settings.url, this.env).reveal();
      secrets = urlSecrets(base);
      const url = failed ? `${base.replace(/\/+$/, '')}/fail` : base;
      if (!/^https?:\/\//.test(url)) throw new Error('the heartbeat URL is not http(s)');
      const timeout = AbortSignal.timeout(this.settings.timeout * 1000);
      const res = await fetch(url, {
        method: 'GET',
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await res.body?.cancel();
      if (res.status >= 300) throw new Error(`the heartbeat receiver answered HTTP ${res.status}`);
      this.log.debug({ failed }, 'heartbeat sent');
    } catch (err) {
      // The URL is the credential: only the scrubbed reason is logged.
      const why = scrub(err instanceof Error ? err.message : String(err), secrets);
      this.log.warn({ err: why, failed }, 'heartbeat failed');
    }
  }
}
