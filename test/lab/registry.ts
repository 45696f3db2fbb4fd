import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/bin/docker-registry';
const INSTALL = 'apt-get install -y docker-registry';

export interface RegistryLab {
  /** `http://127.0.0.1:PORT`, no authentication. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's `docker-registry` (distribution v2, the real registry) on
 * 127.0.0.1 and a free port, storage in a fresh temp dir. Throws, never
 * skips, with the install line when the package is missing.
 */
export async function startRegistry(): Promise<RegistryLab> {
  if (!existsSync(BIN)) throw new Error(`${BIN} not found; install it: ${INSTALL}`);
  const dir = mkdtempSync(join(tmpdir(), 'ronde-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: "127.0.0.1:${port}" }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(BIN, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/v2/`)).status === 200) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  await stop();
  throw new Error(`docker-registry did not start: ${stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function putBlob(url: string, name: string, body: Buffer): Promise<string> {
  const digest = sha(body);
  const start = await fetch(`${url}/v2/${name}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status}`);
  const location = new URL(start.headers.get('location')!, url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body,
  });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

/**
 * Pushes a tiny OCI image through the v2 API (no docker daemon): a config
 * blob with the given labels, one layer, a manifest under `tag`. Returns the
 * manifest digest. `salt` makes a rebuild of the same tag a new digest.
 */
export async function pushImage(
  url: string,
  name: string,
  tag: string,
  o: { labels?: Record<string, string>; salt?: string } = {},
): Promise<string> {
  const layer = Buffer.from(`layer of ${name}:${tag} ${o.salt ?? ''}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-11-25T10:00:00Z',
      config: { Labels: o.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [sha(layer)] },
    }),
  );
  const layerDigest = await putBlob(url, name, layer);
  const configDigest = await putBlob(url, name, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length },
      ],
    }),
  );
  const res = await fetch(`${url}/v2/${name}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  });
  if (res.status !== 201) throw new Error(`manifest push: HTTP ${res.status} ${await res.text()}`);
  return res.headers.get('docker-content-digest') ?? sha(manifest);
}
