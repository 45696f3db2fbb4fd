import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A fake of the Proxmox VE API: a real HTTPS server on 127.0.0.1 with a
 * self-signed certificate made by openssl now, serving the hand-made fixtures
 * of test/fixtures/proxmox (API viewer shapes), checking the token header and
 * the query parameters the real API takes. Scenario setters change its state.
 */

type Json = Record<string, unknown>;
const FIXTURES = new URL('../fixtures/proxmox/', import.meta.url);
const load = (name: string): Json[] =>
  (JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { data: Json[] }).data;

export const FAKE_TOKEN_ID = 'ronde@pve!monitoring';
export const FAKE_SECRET = '3f1e9c2a-7b4d-4e8f-9a6b-1c2d3e4f5a6b';

interface State {
  resources: Json[];
  nodes: Json[];
  /** Key: storage name for shared storages, `storage@node` for local ones. */
  content: Map<string, Json[]>;
  jobs: Json[];
  tasks: Map<string, Json[]>;
  logs: Map<string, Json[]>;
  denied: string[];
  failing: Array<{ prefix: string; status: number }>;
  hang: boolean;
}

function fresh(): State {
  return {
    resources: load('cluster-resources.json'),
    nodes: load('nodes.json'),
    content: new Map([
      ['pbs', load('storage-content-pbs.json')],
      ['local@pve1', load('storage-content-local-pve1.json')],
      ['local@pve2', load('storage-content-local-pve2.json')],
    ]),
    jobs: load('cluster-backup.json'),
    tasks: new Map([
      ['pve1', load('tasks-pve1.json')],
      ['pve2', load('tasks-pve2.json')],
    ]),
    logs: new Map(),
    denied: [],
    failing: [],
    hang: false,
  };
}

export interface ProxmoxFake {
  url: string;
  /** SHA-256 fingerprint of the server certificate, `AA:BB:…`. */
  fingerprint: string;
  /** The self-signed server certificate, usable as a ca_file. */
  certFile: string;
  /** Paths with query of every request that passed authentication. */
  requests: string[];
  /** Requests refused for a wrong Authorization header. */
  refused: number;
  reset(): void;
  addGuest(g: { vmid: number; name: string; node?: string; type?: 'qemu' | 'lxc'; template?: boolean }): void;
  addBackup(b: {
    vmid: number;
    ctime: number;
    size: number;
    storage?: string;
    node?: string;
    verification?: 'ok' | 'failed';
  }): string;
  /** Marks a backup volume's last verification as failed. */
  failVerification(volid: string): void;
  /** Adds a failed vzdump task; with `failedInLog` it is a multi-guest job whose log names them. */
  failTask(t: {
    node?: string;
    vmid?: number;
    endtime: number;
    status?: string;
    failedInLog?: number[];
  }): string;
  setJobs(jobs: Json[]): void;
  /** Answers 403 to paths starting with this prefix (below /api2/json). */
  deny(prefix: string): void;
  failWith(prefix: string, status: number): void;
  /** Accepts connections but never answers. */
  hangAll(): void;
  // --- Snapshots (ronde upgrade): POST /nodes/{node}/qemu/{vmid}/snapshot and its task. ---
  /** Snapshots taken, in order. */
  snapshots: Array<{ node: string; vmid: number; snapname: string; description: string; upid: string }>;
  /** The next snapshot tasks stop with this exit status instead of OK. */
  failSnapshots(exitstatus: string): void;
  /** How long a snapshot task runs before it stops (default 300 ms). */
  snapshotTaskMs(ms: number): void;
  // --- APT endpoints (proxmox.updates) ---
  /** Replaces a node's pending upgrades (`GET /nodes/{node}/apt/update`). */
  setAptUpdates(node: string, list: Json[]): void;
  /** The token lacks Sys.Modify on /nodes: apt/update and apt/changelog answer 403, as PVE does. */
  withoutSysModify(): void;
  /** Adds a finished `aptupdate` task (the package index refresh) to a node's task list. */
  addAptUpdateTask(node: string, endtime: number, status?: string): void;
  close(): Promise<void>;
}

export async function startProxmoxFake(): Promise<ProxmoxFake> {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-pve-fake-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30'],
      ...['-keyout', keyFile, '-out', certFile, '-subj', '/CN=pve-fake.invalid'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile, 'utf8');
  let state = fresh();
  const snapshots = freshSnapshots(() => state);
  let apt = freshApt();
  const requests: string[] = [];
  let pid = 0x1000;
  const fake = { refused: 0 };

  const server = https.createServer({ cert, key: readFileSync(keyFile) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const send = (status: number, data: unknown, message?: string) => {
      res.writeHead(status, message ?? '', { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify({ data }));
    };
    if (req.headers.authorization !== `PVEAPIToken=${FAKE_TOKEN_ID}=${FAKE_SECRET}`) {
      fake.refused++;
      return send(401, null, 'authentication failure');
    }
    if (state.hang) return;
    const path = url.pathname.replace(/^\/api2\/json/, '');
    requests.push(`${path}${url.search}`);
    if (state.denied.some((p) => path.startsWith(p)))
      return send(403, null, `Permission check failed (${path}, Datastore.Audit)`);
    const failing = state.failing.find((f) => path.startsWith(f.prefix));
    if (failing) return send(failing.status, null, 'internal error');
    const snap = snapshotRoute(
      req,
      path,
      snapshots,
      (status, data, message) => send(status, data, message),
      () => pid++,
    );
    if (snap) return;
    const aptAnswer = aptRoute(apt, path, url.searchParams);
    if (aptAnswer && 'denied' in aptAnswer) return send(403, null, aptAnswer.denied);
    if (aptAnswer && 'error' in aptAnswer) return send(500, null, aptAnswer.error);
    if (aptAnswer) return send(200, aptAnswer.data);
    const answer = route(state, path, url.searchParams);
    if (answer === undefined) return send(501, null, `Method 'GET ${path}' not implemented`);
    send(200, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    fingerprint: new X509Certificate(cert).fingerprint256,
    certFile,
    requests,
    get refused() {
      return fake.refused;
    },
    reset() {
      state = fresh();
      Object.assign(
        snapshots,
        freshSnapshots(() => state),
      );
      apt = freshApt();
      requests.length = 0;
      fake.refused = 0;
    },
    addGuest(g) {
      const type = g.type ?? 'qemu';
      state.resources.push({
        id: `${type}/${g.vmid}`,
        type,
        vmid: g.vmid,
        name: g.name,
        node: g.node ?? 'pve1',
        status: g.template ? 'stopped' : 'running',
        template: g.template ? 1 : 0,
      });
    },
    addBackup(b) {
      const storage = b.storage ?? 'pbs';
      const kind = guestType(state, b.vmid) === 'lxc' ? 'ct' : 'vm';
      const when = new Date(b.ctime * 1000).toISOString().replace(/\.000Z$/, 'Z');
      const volid =
        storage === 'pbs'
          ? `pbs:backup/${kind}/${b.vmid}/${when}`
          : `${storage}:backup/vzdump-${kind === 'ct' ? 'lxc' : 'qemu'}-${b.vmid}-${when.replace(/[-:]/g, '_')}.vma.zst`;
      const key = storage === 'pbs' ? 'pbs' : `${storage}@${b.node ?? 'pve1'}`;
      const list = state.content.get(key) ?? [];
      list.push({
        volid,
        content: 'backup',
        format: storage === 'pbs' ? `pbs-${kind}` : 'vma.zst',
        ctime: b.ctime,
        size: b.size,
        vmid: b.vmid,
        ...(storage === 'pbs'
          ? { verification: { state: b.verification ?? 'ok', upid: 'UPID:pbs:verify' } }
          : {}),
      });
      state.content.set(key, list);
      return volid;
    },
    failVerification(volid) {
      for (const list of state.content.values())
        for (const v of list) if (v.volid === volid) v.verification = { state: 'failed', upid: 'UPID:pbs:v' };
    },
    failTask(t) {
      const node = t.node ?? 'pve1';
      const start = t.endtime - 120;
      const id = t.failedInLog ? '' : String(t.vmid ?? '');
      const upid = `UPID:${node}:${(pid++).toString(16).toUpperCase().padStart(8, '0')}:0A2B3C4D:${start.toString(16).toUpperCase()}:vzdump:${id}:root@pam:`;
      const status =
        t.status ?? (t.failedInLog ? 'job errors' : `ERROR: Backup of VM ${t.vmid} failed - timeout`);
      const tasks = state.tasks.get(node) ?? [];
      tasks.unshift({
        upid,
        node,
        pid,
        pstart: 1,
        starttime: start,
        endtime: t.endtime,
        type: 'vzdump',
        id,
        user: 'root@pam',
        status,
      });
      state.tasks.set(node, tasks);
      if (t.failedInLog)
        state.logs.set(upid, [
          { n: 1, t: 'INFO: starting new backup job: vzdump --all 1 --storage pbs' },
          ...t.failedInLog.map((v, i) => ({ n: i + 2, t: `ERROR: Backup of VM ${v} failed - job failed` })),
          { n: 99, t: 'TASK ERROR: job errors' },
        ]);
      return upid;
    },
    setJobs(jobs) {
      state.jobs = jobs;
    },
    deny(prefix) {
      state.denied.push(prefix);
    },
    failWith(prefix, status) {
      state.failing.push({ prefix, status });
    },
    hangAll() {
      state.hang = true;
    },
    get snapshots() {
      return snapshots.taken;
    },
    failSnapshots(exitstatus) {
      snapshots.fail = exitstatus;
    },
    snapshotTaskMs(ms) {
      snapshots.taskMs = ms;
    },
    setAptUpdates(node, list) {
      apt.updates.set(node, list);
    },
    withoutSysModify() {
      apt.sysModify = false;
    },
    addAptUpdateTask(node, endtime, status = 'OK') {
      const tasks = state.tasks.get(node) ?? [];
      const start = endtime - 20;
      tasks.unshift({
        upid: `UPID:${node}:${(pid++).toString(16).toUpperCase().padStart(8, '0')}:0A2B3C4D:${start.toString(16).toUpperCase()}:aptupdate::root@pam:`,
        node,
        pid,
        pstart: 1,
        starttime: start,
        endtime,
        type: 'aptupdate',
        id: '',
        user: 'root@pam',
        status,
      });
      state.tasks.set(node, tasks);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function guestType(state: State, vmid: number): string | undefined {
  return state.resources.find((r) => Number(r.vmid) === vmid)?.type as string | undefined;
}

/** The answer of a GET, or undefined for an unknown path (the real API says 501). */
function route(state: State, path: string, q: URLSearchParams): unknown {
  if (path === '/cluster/resources') {
    const type = q.get('type');
    if (type === 'vm') return state.resources.filter((r) => r.type === 'qemu' || r.type === 'lxc');
    return type ? state.resources.filter((r) => r.type === type) : state.resources;
  }
  if (path === '/nodes') return state.nodes;
  if (path === '/cluster/backup') return state.jobs;
  let m = /^\/nodes\/([^/]+)\/storage\/([^/]+)\/content$/.exec(path);
  if (m) {
    const [node, storage] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
    const res = state.resources.find((r) => r.type === 'storage' && r.storage === storage && r.node === node);
    if (!res) return undefined;
    const shared = res.shared === 1 || res.shared === '1';
    let list = state.content.get(shared ? storage : `${storage}@${node}`) ?? [];
    if (q.get('content')) list = list.filter((v) => v.content === q.get('content'));
    if (q.get('vmid')) list = list.filter((v) => Number(v.vmid) === Number(q.get('vmid')));
    return list;
  }
  m = /^\/nodes\/([^/]+)\/tasks$/.exec(path);
  if (m) return tasks(state.tasks.get(decodeURIComponent(m[1]!)) ?? [], q);
  m = /^\/nodes\/([^/]+)\/tasks\/([^/]+)\/log$/.exec(path);
  if (m) {
    const lines = state.logs.get(decodeURIComponent(m[2]!)) ?? [{ n: 1, t: 'no content' }];
    const start = Number(q.get('start') ?? 0);
    return lines.slice(start, start + Number(q.get('limit') ?? 50));
  }
  return undefined;
}

/** The filters of GET /nodes/{node}/tasks, newest first, `limit` 50 by default like PVE. */
function tasks(all: Json[], q: URLSearchParams): Json[] {
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  const since = num('since');
  const until = num('until');
  const vmid = q.get('vmid');
  const list = all
    .filter((t) => !q.get('typefilter') || t.type === q.get('typefilter'))
    .filter((t) => q.get('errors') !== '1' || (t.status !== undefined && t.status !== 'OK'))
    .filter((t) => since === undefined || Number(t.starttime) >= since)
    .filter((t) => until === undefined || Number(t.starttime) <= until)
    .filter((t) => !vmid || t.id === vmid)
    .sort((a, b) => Number(b.starttime) - Number(a.starttime));
  const start = num('start') ?? 0;
  return list.slice(start, start + (num('limit') ?? 50));
}

// --- Snapshots (ronde upgrade, src/clients/proxmox/snapshot.ts), after the PVE API viewer:
//   POST /nodes/{node}/qemu/{vmid}/snapshot  (snapname: pve-configid, description?, vmstate?) → UPID string
//   GET  /nodes/{node}/tasks/{upid}/status   → { upid, node, pid, pstart, starttime, type, id, user, status, exitstatus? }

interface SnapshotState {
  guests: () => Json[];
  taken: Array<{ node: string; vmid: number; snapname: string; description: string; upid: string }>;
  tasks: Map<string, { node: string; vmid: number; start: number; endsAt: number; exitstatus: string }>;
  fail?: string;
  taskMs: number;
}

function freshSnapshots(state: () => State): SnapshotState {
  return { guests: () => state().resources, taken: [], tasks: new Map(), taskMs: 300 };
}

type Send = (status: number, data: unknown, message?: string) => void;

/** Answers the snapshot calls; false for any other request. */
function snapshotRoute(
  req: IncomingMessage,
  path: string,
  s: SnapshotState,
  send: Send,
  nextPid: () => number,
): boolean {
  const post = /^\/nodes\/([^/]+)\/qemu\/(\d+)\/snapshot$/.exec(path);
  if (post && req.method === 'POST') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const node = decodeURIComponent(post[1]!);
      const vmid = Number(post[2]);
      const snapname = form.get('snapname') ?? '';
      if (!/^[A-Za-z][A-Za-z0-9_-]{1,39}$/.test(snapname))
        return send(
          400,
          null,
          `Parameter verification failed. (snapname: invalid format - invalid configuration ID '${snapname}')`,
        );
      const guest = s.guests().find((g) => g.type === 'qemu' && Number(g.vmid) === vmid && g.node === node);
      if (!guest)
        return send(500, null, `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
      const start = Math.floor(Date.now() / 1000);
      const upid = `UPID:${node}:${nextPid().toString(16).toUpperCase().padStart(8, '0')}:0B1C2D3E:${start.toString(16).toUpperCase()}:qmsnapshot:${vmid}:${FAKE_TOKEN_ID}:`;
      s.tasks.set(upid, { node, vmid, start, endsAt: Date.now() + s.taskMs, exitstatus: s.fail ?? 'OK' });
      s.taken.push({ node, vmid, snapname, description: form.get('description') ?? '', upid });
      send(200, upid);
    });
    return true;
  }
  const status = /^\/nodes\/([^/]+)\/tasks\/([^/]+)\/status$/.exec(path);
  if (status && req.method === 'GET') {
    const upid = decodeURIComponent(status[2]!);
    const t = s.tasks.get(upid);
    if (!t || t.node !== decodeURIComponent(status[1]!)) {
      send(500, null, `unable to parse worker upid '${upid}'`);
      return true;
    }
    const running = Date.now() < t.endsAt;
    send(200, {
      upid,
      node: t.node,
      pid: 4242,
      pstart: 1,
      starttime: t.start,
      type: 'qmsnapshot',
      id: String(t.vmid),
      user: FAKE_TOKEN_ID,
      status: running ? 'running' : 'stopped',
      ...(running ? {} : { exitstatus: t.exitstatus }),
    });
    return true;
  }
  return false;
}

// --- APT endpoints (proxmox.updates), after PVE/API2/APT.pm of pve-manager ---
// Kept in their own block so the other endpoint families of this fake rebase cleanly.

interface AptState {
  versions: Map<string, Json[]>;
  updates: Map<string, Json[]>;
  /** Package name → its Debian changelog text. */
  changelogs: Map<string, string>;
  /** Whether the token has Sys.Modify on /nodes/{node} (list_updates and changelog need it). */
  sysModify: boolean;
}

function freshApt(): AptState {
  const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
  return {
    versions: new Map([
      ['pve1', load('apt-versions-pve1.json')],
      ['pve2', load('apt-versions-pve2.json')],
    ]),
    updates: new Map([
      ['pve1', load('apt-update-pve1.json')],
      ['pve2', load('apt-update-pve2.json')],
    ]),
    changelogs: new Map([
      ['pve-manager', text('apt-changelog-pve-manager.txt')],
      ['openssl', text('apt-changelog-openssl.txt')],
    ]),
    sysModify: true,
  };
}

type AptAnswer = { data: unknown } | { denied: string } | { error: string } | undefined;

function aptRoute(apt: AptState, path: string, q: URLSearchParams): AptAnswer {
  const m = /^\/nodes\/([^/]+)\/apt\/(versions|update|changelog)$/.exec(path);
  if (!m) return undefined;
  const node = decodeURIComponent(m[1]!);
  if (!apt.versions.has(node))
    return { error: `hostname lookup '${node}' failed - failed to get address info` };
  const what = m[2]!;
  if (what === 'versions') return { data: apt.versions.get(node) };
  if (!apt.sysModify) return { denied: `Permission check failed (/nodes/${node}, Sys.Modify)` };
  if (what === 'update') return { data: apt.updates.get(node) ?? [] };
  // changelog: `name` is required; a version that is not available is an error, like APT.pm.
  const name = q.get('name');
  if (!name)
    return { error: "parameter verification failed - {'name':'property is missing and it is not optional'}" };
  const text = apt.changelogs.get(name);
  const version = q.get('version');
  const pending = (apt.updates.get(node) ?? []).find((p) => p.Package === name);
  if (version && pending && pending.Version !== version)
    return { error: `package '${name}' version '${version}' is not available` };
  if (text === undefined) return { error: `changelog for '${name}_${version ?? ''}' not available` };
  return { data: text };
}
