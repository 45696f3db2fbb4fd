import type { Logger } from 'pino';
import type { LoginLimiter } from '../auth/ratelimit.js';
import type { Session } from '../auth/sessions.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/types.js';

export interface HealthSource {
  healthy(): boolean;
  status(): object;
}

/** What the page and the API read and write. */
export interface WebDeps {
  daemon: HealthSource;
  store: Store;
  config: Config;
  log?: Logger;
  now?: () => Date;
}

export interface WebEnv {
  Variables: {
    deps: WebDeps;
    session: Session | undefined;
    limiter: LoginLimiter;
    /** The client's address as the audit records it. */
    address: string;
  };
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
}
