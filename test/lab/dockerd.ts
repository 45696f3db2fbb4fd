import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DockerTlsFiles, freePort, makeDockerTls } from './docker-tls.js';

const DOCKERD = '/usr/sbin/dockerd';
// Debian's CLI, not whatever `docker` comes first in PATH.
const DOCKER = '/usr/bin/docker';
const BUSYBOX = '/bin/busybox';
export const DOCKER_INSTALL = 'apt-get install -y docker.io busybox-static';

/** The Compose project the lab runs, and its services. */
export const LAB_PROJECT = 'lab';
export const LAB_SERVICES = {
  /** Running, healthy enough (no health check), on an image made in 2020. */
  app: 'lab/app',
  /** Running, its health check always fails: unhealthy. */
  web: 'lab/web',
  /** Exits at once under `--restart always`: restarting in a loop. */
  worker: 'lab/worker',
  /** Ran once and exited: stopped. */
  cron: 'lab/cron',
} as const;
export const LAB_NAMED_VOLUME = 'lab_data';
/** A Compose volume no container uses now: data all the same, never pruned. */
export const LAB_UNUSED_NAMED_VOLUME = 'lab_cache';

export interface DockerLab {
  /** The engine's unix socket. */
  socket: string;
  /** Runs the Debian docker CLI against the lab engine; returns stdout. */
  docker(...args: string[]): string;
  /** Name of the anonymous volume left behind by a removed container. */
  anonymousVolume: string;
  /** With `tls: true`: the engine's TLS port and the certificate files. */
  tls?: DockerTlsFiles & { url: string };
  /** Id of the dangling image (untagged by a re-import, used by nothing). */
  danglingImage: string;
  /** Removes the containers, stops the engine (TERM, by pid) and removes the temp dir. */
  stop(): Promise<void>;
}

/**
 * A real Docker engine (Debian's docker.io) in a temp dir: no bridge, no
 * iptables, its own socket, data and exec roots; it starts its own containerd.
 * Images come from a busybox-static rootfs (`docker import`, and one `docker
 * load` to date an image in 2020); containers run with `--network none` and
 * Compose labels. Needs root. Throws (never skips) with the install line.
 */
export async function startDockerLab(opts: { tls?: boolean } = {}): Promise<DockerLab> {
  for (const bin of [DOCKERD, DOCKER, BUSYBOX])
    if (!existsSync(bin)) throw new Error(`${bin} not found; install it: ${DOCKER_INSTALL}`);
  if (process.getuid?.() !== 0) throw new Error('the Docker lab needs root (dockerd); run the tests as root');

  const dir = mkdtempSync(join(tmpdir(), 'rdk-'));
  const socket = join(dir, 'docker.sock');
  // Optionally also the TLS port: client certificates required, on 127.0.0.1 only.
  const files = opts.tls ? makeDockerTls(dir) : undefined;
  const port = files ? await freePort() : 0;
  const tcp = files
    ? [
        `--host=tcp://127.0.0.1:${port}`,
        '--tlsverify',
        `--tlscacert=${files.ca}`,
        `--tlscert=${files.serverCert}`,
        `--tlskey=${files.serverKey}`,
      ]
    : [];
  const child = spawn(
    DOCKERD,
    // biome-ignore format: one option per item
    [
      '--bridge=none', '--iptables=false', '--ip6tables=false',
      '--host', `unix://${socket}`, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'docker.pid'), '--shutdown-timeout', '2', ...tcp,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  const docker = (...args: string[]): string =>
    execFileSync(DOCKER, ['-H', `unix://${socket}`, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      try {
        docker('rm', '-f', ...docker('ps', '-aq').split('\n').filter(Boolean));
      } catch {
        // nothing to remove, or the engine is gone: TERM below still ends it
      }
      child.kill('SIGTERM');
      await exited(child, 30_000);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(docker, child, () => log);
    const tls = files ? { tls: { url: `tcp://127.0.0.1:${port}`, ...files } } : {};
    return { socket, docker, stop, ...tls, ...populate(dir, docker) };
  } catch (e) {
    await stop();
    throw e;
  }
}

function populate(dir: string, docker: (...a: string[]) => string) {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  writeFileSync(join(rootfs, 'bin/busybox'), readFileSync(BUSYBOX), { mode: 0o755 });
  for (const app of ['sh', 'sleep', 'true', 'false', 'cat']) symlinkSync('busybox', join(rootfs, 'bin', app));
  const tar = join(dir, 'rootfs.tar');
  execFileSync('tar', ['-C', rootfs, '-cf', tar, '.']);
  docker('import', '-c', 'CMD ["/bin/sh"]', tar, 'lab/busybox:1');
  loadDated(dir, tar, 'lab/busybox:2020', '2020-01-01T00:00:00Z', docker);
  docker('tag', 'lab/busybox:1', 'lab/rollback:1'); // tagged, used by nothing: a rollback point

  // A re-import under the same tag leaves the first one dangling.
  writeFileSync(join(rootfs, 'marker'), 'v1');
  execFileSync('tar', ['-C', rootfs, '-cf', tar, '.']);
  const danglingImage = docker('import', tar, 'lab/tmp:1');
  writeFileSync(join(rootfs, 'marker'), 'v2');
  execFileSync('tar', ['-C', rootfs, '-cf', tar, '.']);
  docker('import', tar, 'lab/tmp:1');

  docker(
    'volume',
    'create',
    '--label',
    `com.docker.compose.project=${LAB_PROJECT}`,
    '--label',
    'com.docker.compose.volume=data',
    LAB_NAMED_VOLUME,
  );
  docker(
    'volume',
    'create',
    '--label',
    `com.docker.compose.project=${LAB_PROJECT}`,
    '--label',
    'com.docker.compose.volume=cache',
    LAB_UNUSED_NAMED_VOLUME,
  );
  const labels = (service: string) => [
    '--network',
    'none',
    '--name',
    `${LAB_PROJECT}-${service}-1`,
    '--stop-timeout',
    '1',
    '-l',
    `com.docker.compose.project=${LAB_PROJECT}`,
    '-l',
    `com.docker.compose.service=${service}`,
  ];
  docker(
    'run',
    '-d',
    ...labels('app'),
    '-v',
    `${LAB_NAMED_VOLUME}:/data`,
    'lab/busybox:2020',
    'sleep',
    '100000',
  );
  docker(
    'run',
    '-d',
    ...labels('web'),
    '--health-cmd',
    'false',
    '--health-interval',
    '1s',
    '--health-retries',
    '1',
    'lab/busybox:1',
    'sleep',
    '100000',
  );
  docker('run', '-d', ...labels('worker'), '--restart', 'always', 'lab/busybox:1', 'sh', '-c', 'exit 1');
  docker('run', '-d', ...labels('cron'), 'lab/busybox:1', 'true');
  // A removed container (without -v) leaves its anonymous volume behind, unused.
  const gone = docker('create', '--network', 'none', '-v', '/cache', 'lab/busybox:1', 'true');
  const anonymousVolume = docker('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', gone);
  docker('rm', gone);
  return { anonymousVolume, danglingImage: danglingImage.replace(/^sha256:/, '') };
}

/** `docker load` of a hand-made image whose config says it was created at `created`. */
function loadDated(
  dir: string,
  layer: string,
  tag: string,
  created: string,
  docker: (...a: string[]) => string,
) {
  const img = join(dir, 'dated');
  mkdirSync(img, { recursive: true });
  const layerBytes = readFileSync(layer);
  writeFileSync(join(img, 'layer.tar'), layerBytes);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created,
    config: { Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: [`sha256:${createHash('sha256').update(layerBytes).digest('hex')}`] },
    history: [{ created, created_by: 'ronde lab' }],
  });
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  writeFileSync(join(img, configName), config);
  writeFileSync(
    join(img, 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: ['layer.tar'] }]),
  );
  execFileSync('tar', ['-C', img, '-cf', join(dir, 'dated.tar'), '.']);
  docker('load', '-i', join(dir, 'dated.tar'));
}

async function waitReady(docker: (...a: string[]) => string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dockerd exited (${child.exitCode}): ${log()}`);
    try {
      docker('version', '--format', '{{.Server.APIVersion}}');
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`dockerd did not answer within 30 s: ${log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
