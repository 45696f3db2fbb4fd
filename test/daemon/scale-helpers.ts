import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from '../cli/run-cli.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';
import { type LabSshd, silentListener, startLabSshd } from '../lab/sshd.js';
import { type Serve, startServe } from './serve-helpers.js';

/*
 * A scale-out lab (issue 24): a real PostgreSQL, lab sshd hosts on this
 * test's own loopback range 127.0.64.x, a webhook receiver, and `ronde serve`
 * processes of any role on one configuration. Used by test/daemon/scale.test.ts
 * and bench/scale.ts.
 */

/** This work's loopback range: 127.0.64.x (and the next /24s past 254 hosts). */
export const ADDRESS_BASE = 64;
const SILENT = '127.0.64.254';

export interface ScaleLab {
  dir: string;
  url: string;
  config: string;
  hook: HttpCapture;
  sshd: LabSshd;
  hosts: string[];
  /** Makes every host's `stamp` check CRIT (its file an hour old) or OK again. */
  stamp(fresh: boolean): void;
  serve(role: string, ...args: string[]): Serve;
  /** Points the configuration at a new, empty database (a benchmark's next contender). */
  freshDatabase(): Promise<void>;
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface ScaleLabOptions {
  hosts: number;
  /** Check interval (e.g. `10s`). */
  interval: string;
  /** Per host: a TLS probe of a silent listener that takes this long (none when 0). */
  slowSeconds?: number;
  concurrency?: number;
  logLevel?: string;
  /** More check lines for `checks:` (YAML flow mappings). */
  checks?: string[];
  /** Extra PostgreSQL settings (`name=value`). */
  pgSettings?: string[];
}

export async function startScaleLab(o: ScaleLabOptions): Promise<ScaleLab> {
  const dir = tempDir('ronde-scale-');
  const pgLab: PostgresLab = await startPostgres({ settings: o.pgSettings ?? [] });
  const stops: (() => Promise<void>)[] = [() => pgLab.stop()];
  try {
    const url = await pgLab.createDatabase('scale');
    const sshd = await startLabSshd({ hosts: o.hosts, addressBase: ADDRESS_BASE, keyTypes: ['ed25519'] });
    stops.unshift(() => sshd.stop());
    const hook = await startHttpCapture();
    stops.unshift(() => hook.close());
    const silent = o.slowSeconds ? await silentListener(SILENT) : undefined;
    if (silent) stops.unshift(() => silent.close());
    const stampFile = join(dir, 'stamp');
    writeFileSync(stampFile, 'fresh\n');
    const knownHosts = sshd.knownHosts(
      'known_hosts',
      sshd.hosts.map((h) => h.knownHostsLine()),
    );
    const hosts = sshd.hosts.map((h) => `h${h.index}`);
    const yaml = [
      `database: { url: "${url}" }`,
      `defaults: { interval: ${o.interval}, concurrency: ${o.concurrency ?? 2} }`,
      'notify: { damping: 1 }',
      `notifiers: [{ name: hook, type: webhook, url: "${hook.url}/hook" }]`,
      'hosts:',
      ...sshd.hosts.flatMap((h) => [
        `  - name: h${h.index}`,
        `    address: ${h.address}`,
        `    ssh: { port: ${h.port}, user: ${sshd.user}, identity: ${sshd.clientKey}, known_hosts: ${knownHosts}, agent: false }`,
      ]),
      'checks:',
      `  - { kind: freshness.file, name: stamp, options: { path: "${stampFile}", max_age: 30m } }`,
      ...(silent
        ? [
            `  - { kind: tls.endpoint, name: slow, options: { timeout: ${o.slowSeconds}s, endpoints: [{ host: slow.test, port: ${silent.port}, address: "${SILENT}" }] } }`,
          ]
        : []),
      ...(o.checks ?? []).map((c) => `  - ${c}`),
    ].join('\n');
    const config = join(dir, 'ronde.yaml');
    writeFileSync(config, `${yaml}\n`);
    const env = { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'data') };
    stops.unshift(() => pool.end());
    let pool = new pg.Pool({ connectionString: url, max: 2 });
    const lab: ScaleLab = {
      dir,
      url,
      config,
      hook,
      sshd,
      hosts,
      stamp(fresh) {
        const t = fresh ? new Date() : new Date(Date.now() - 3_600_000);
        utimesSync(stampFile, t, t);
      },
      serve: (role, ...args) =>
        startServe(
          [
            '--config',
            config,
            '--role',
            role,
            '--log-level',
            o.logLevel ?? 'debug',
            '--listen',
            '127.0.0.1:0',
            ...args,
          ],
          { ...env },
        ),
      query: async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[],
      async freshDatabase() {
        const next = await pgLab.createDatabase('scale');
        await pool.end();
        pool = new pg.Pool({ connectionString: next, max: 2 });
        writeFileSync(config, readFileSync(config, 'utf8').replace(lab.url, next));
        lab.url = next;
      },
      async stop() {
        for (const s of stops) await s().catch(() => undefined);
      },
    };
    return lab;
  } catch (err) {
    for (const s of stops) await s().catch(() => undefined);
    throw err;
  }
}
