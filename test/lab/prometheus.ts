import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Debian's Prometheus 2.42, Alertmanager 0.25 and node-exporter 1.5, started
 * on loopback addresses of this lab's range (127.0.60.x), free ports, each in
 * its own temp dir (config, rules, storage, textfiles). Readiness is polled on
 * `/-/ready` (`/metrics` for node-exporter, which has no ready endpoint); a
 * missing binary throws with its apt-get line, never a skip.
 */

export const PROM_HOST = '127.0.60.1';
export const AM_HOST = '127.0.60.2';
export const NODE_HOST = '127.0.60.3';
export const HOOK_HOST = '127.0.60.4';
/** Nothing listens there: a scrape target that is down. */
export const DOWN_HOST = '127.0.60.9';

const BINS = {
  prometheus: ['/usr/bin/prometheus', 'prometheus'],
  alertmanager: ['/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager'],
  node: ['/usr/bin/prometheus-node-exporter', 'prometheus-node-exporter'],
} as const;

function need(which: keyof typeof BINS): string {
  const [bin, pkg] = BINS[which];
  if (!existsSync(bin)) throw new Error(`${bin} not found; install it: apt-get install -y ${pkg}`);
  return bin;
}

export function freePort(host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

interface Daemon {
  url: string;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts a daemon and polls `probe` until it answers 200; stops it and throws with its log otherwise. */
async function startDaemon(
  name: string,
  bin: string,
  args: (port: number) => string[],
  host: string,
  dir: string,
  probe = '/-/ready',
): Promise<Daemon> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort(host);
    const child: ChildProcess = spawn(bin, args(port), { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    let log = '';
    const keep = (b: Buffer) => {
      log = (log + b.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const url = `http://${host}:${port}`;
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    };
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        if ((await fetch(`${url}${probe}`)).status === 200) return { url, dir, log: () => log, stop };
      } catch {
        // Not listening yet.
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await stop();
    // Another process took the port between the probe and the bind: try another one.
    if (attempt < 2 && /address already in use/.test(log)) continue;
    throw new Error(`${name} did not become ready:\n${log}`);
  }
}

export interface PrometheusLab extends Daemon {
  /** Rewrites the rule file and reloads Prometheus (POST /-/reload), waiting until the reload is done. */
  setRules(yaml: string): Promise<void>;
}

/**
 * Prometheus scraping itself, `targets` (job name → host:port list) and a target
 * that is down (job `down`), evaluating `rules` every second, sending alerts to
 * `alertmanager` (host:port) when given. Lifecycle API on, for reloads.
 */
export async function startPrometheus(o: {
  rules: string;
  targets?: Record<string, string[]>;
  alertmanager?: string;
}): Promise<PrometheusLab> {
  const bin = need('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'ronde-prometheus-'));
  const rulesFile = join(dir, 'rules.yml');
  writeFileSync(rulesFile, o.rules);
  const downPort = await freePort(DOWN_HOST);
  const config = (port: number) =>
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [rulesFile],
      ...(o.alertmanager
        ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanager] }] }] } }
        : {}),
      scrape_configs: [
        { job_name: 'prometheus', static_configs: [{ targets: [`${PROM_HOST}:${port}`] }] },
        { job_name: 'down', static_configs: [{ targets: [`${DOWN_HOST}:${downPort}`] }] },
        ...Object.entries(o.targets ?? {}).map(([job, targets]) => ({
          job_name: job,
          static_configs: [{ targets }],
        })),
      ],
    });
  const d = await startDaemon(
    'prometheus',
    bin,
    (port) => {
      // JSON is YAML: the config is written once the port is known.
      writeFileSync(join(dir, 'prometheus.yml'), config(port));
      return [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${PROM_HOST}:${port}`,
        '--web.enable-lifecycle',
        // Alertmanager is discovered a few seconds after the first evaluation: resend
        // firing alerts every second instead of every minute so it gets them soon.
        '--rules.alert.resend-delay=1s',
        '--log.level=warn',
      ];
    },
    PROM_HOST,
    dir,
  );
  return {
    ...d,
    async setRules(yaml) {
      writeFileSync(rulesFile, yaml);
      const res = await fetch(`${d.url}/-/reload`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`reload: HTTP ${res.status} ${await res.text()}`);
    },
    async stop() {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Alertmanager sending every alert to `webhook` (group wait and interval 1 s),
 * its gossip cluster listener disabled (`--cluster.listen-address=`).
 */
export async function startAlertmanager(o: { webhook: string }): Promise<Daemon> {
  const bin = need('alertmanager');
  const dir = mkdtempSync(join(tmpdir(), 'ronde-alertmanager-'));
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    JSON.stringify({
      route: { receiver: 'team', group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
      receivers: [{ name: 'team', webhook_configs: [{ url: o.webhook, send_resolved: false }] }],
    }),
  );
  const d = await startDaemon(
    'alertmanager',
    bin,
    (port) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=${AM_HOST}:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    AM_HOST,
    dir,
  );
  return {
    ...d,
    async stop() {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NodeExporterLab extends Daemon {
  /** The textfile collector's directory: write `*.prom` files there. */
  textfileDir: string;
}

/** node-exporter with only the textfile collector (and its own metrics): fast, and nothing of this machine leaks in. */
export async function startNodeExporter(): Promise<NodeExporterLab> {
  const bin = need('node');
  const dir = mkdtempSync(join(tmpdir(), 'ronde-node-exporter-'));
  const d = await startDaemon(
    'node-exporter',
    bin,
    (port) => [
      `--web.listen-address=${NODE_HOST}:${port}`,
      '--collector.disable-defaults',
      '--collector.textfile',
      '--collector.uname',
      `--collector.textfile.directory=${dir}`,
      '--log.level=warn',
    ],
    NODE_HOST,
    dir,
    '/metrics',
  );
  return {
    ...d,
    textfileDir: dir,
    async stop() {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A webhook receiver that answers 500 to every notification: Alertmanager's notifications fail for real. */
export async function failingReceiver(): Promise<{ url: string; calls(): number; stop(): Promise<void> }> {
  let calls = 0;
  const server = createHttpServer((req, res) => {
    calls++;
    req.resume();
    res.writeHead(500).end('receiver broken on purpose');
  });
  await new Promise<void>((ok) => server.listen(0, HOOK_HOST, ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${HOOK_HOST}:${port}/hook`,
    calls: () => calls,
    stop: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Polls `fn` until it returns a truthy value (loaded machine: generous timeout). */
export async function until<T>(
  fn: () => Promise<T | undefined | false>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
