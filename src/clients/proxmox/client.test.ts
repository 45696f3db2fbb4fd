import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_SECRET,
  FAKE_TOKEN_ID,
  type ProxmoxFake,
  startProxmoxFake,
} from '../../../test/fakes/proxmox-fake.js';
import { Secret } from '../../config/secrets.js';
import { failedGuestsInLog, taskFailed } from './backup-inventory.js';
import { httpsFetcher, ProxmoxClient, ProxmoxError } from './client.js';
import { normalizeFingerprint } from './transport.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/proxmox/${name}`, import.meta.url), 'utf8'));

/** A client over a canned body, to test validation without a socket. */
const canned = (body: unknown) => new ProxmoxClient(async () => body);

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProxmoxError);
  return err as ProxmoxError;
}

describe('ProxmoxClient validation', () => {
  it('accepts numbers and booleans sent as strings, as the API does', async () => {
    const guests = await canned(fixture('cluster-resources.json')).guests();
    expect(guests.find((g) => g.vmid === 101)).toMatchObject({ vmid: 101, template: false, node: 'pve2' });
    expect(guests.find((g) => g.vmid === 9000)?.template).toBe(true);
    const storages = await canned(fixture('cluster-resources.json')).storages();
    expect(storages.filter((s) => s.storage === 'pbs').map((s) => s.shared)).toEqual([true, true]);
    const vols = await canned(fixture('storage-content-pbs.json')).backups('pve1', 'pbs');
    expect(vols[1]).toMatchObject({ size: 5_371_854_848, ctime: 1_740_966_060, vmid: 101 });
    expect(vols[0]?.verification?.state).toBe('ok');
  });

  it('refuses an answer that is not the documented shape, naming where', async () => {
    const err = await failure(canned({ data: [{ volid: 'x', size: 'big' }] }).backups('pve1', 'pbs'));
    expect(err.failure).toBe('protocol');
    expect(err.message).toMatch(/content: unexpected answer at data\.0\.size/);
    expect((await failure(canned({ nope: 1 }).backupJobs())).failure).toBe('protocol');
    const guests = await failure(canned({ data: [{ type: 'qemu', id: 'qemu/1', node: 'a' }] }).guests());
    expect(guests.message).toMatch(/at data\.0\.vmid/);
  });

  it('never lets anything but a ProxmoxError out, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const api = canned(body);
        for (const call of [api.guests(), api.storages(), api.nodes(), api.backupJobs(), api.tasks('n')])
          await call.catch((e: unknown) => expect(e).toBeInstanceOf(ProxmoxError));
      }),
      { numRuns: 200 },
    );
  });
});

describe('vzdump task helpers', () => {
  it('finds the failed guests in a multi-guest job log', () => {
    const lines = fixture('task-log-job-errors.json').data.map((l: { t: string }) => l.t);
    expect(failedGuestsInLog(lines)).toEqual([200]);
  });

  it('never throws on arbitrary log lines', () => {
    fc.assert(fc.property(fc.array(fc.string()), (lines) => Array.isArray(failedGuestsInLog(lines))));
  });

  it('counts "WARNINGS" and "OK" as not failed, anything else finished as failed', () => {
    const t = (status?: string) => ({ upid: 'u', node: 'n', type: 'vzdump', starttime: 1, status });
    expect(
      [t('OK'), t('WARNINGS: 2'), t(undefined), t('job errors'), t('interrupted by signal')].map(taskFailed),
    ).toEqual([false, false, false, true, true]);
  });
});

describe('httpsFetcher against the fake over real HTTPS', () => {
  let fake: ProxmoxFake;
  beforeAll(async () => {
    fake = await startProxmoxFake();
  });
  afterAll(() => fake.close());
  const api = (over: Partial<Parameters<typeof httpsFetcher>[0]> = {}) =>
    new ProxmoxClient(
      httpsFetcher({
        url: `${fake.url}/api2/json/`,
        tokenId: FAKE_TOKEN_ID,
        secret: new Secret(FAKE_SECRET),
        fingerprint: normalizeFingerprint(fake.fingerprint).toLowerCase(),
        ...over,
      }),
    );

  it('sends the PVEAPIToken header and the query, and reads the envelope', async () => {
    const tasks = await api().tasks('pve2', { typefilter: 'vzdump', errors: true, since: 0, limit: 10 });
    expect(tasks.map((t) => t.status)).toEqual(['WARNINGS: 1']);
    expect(fake.requests.at(-1)).toBe('/nodes/pve2/tasks?typefilter=vzdump&errors=1&since=0&limit=10');
  });

  it('classifies 401 as auth, 403 as auth, 5xx as transient, 501 as protocol', async () => {
    const bad = await failure(api({ secret: new Secret('wrong') }).nodes());
    expect([bad.failure, bad.httpStatus]).toEqual(['auth', 401]);
    expect(bad.message).not.toContain('wrong');
    fake.deny('/cluster/backup');
    expect((await failure(api().backupJobs())).failure).toBe('auth');
    fake.failWith('/nodes', 595);
    expect((await failure(api().nodes())).failure).toBe('transient');
    fake.reset();
    expect(
      (
        await failure(
          api()
            .taskLog('pve1', 'UPID:x')
            .then(() => api().backups('pve9', 'x')),
        )
      ).httpStatus,
    ).toBe(501);
  });

  it('refuses an http:// url and an unreadable ca_file before connecting', () => {
    expect(() =>
      httpsFetcher({ url: 'http://127.0.0.1:8006', tokenId: 'a@pve!b', secret: new Secret('s') }),
    ).toThrow(/must be https/);
    expect(() =>
      httpsFetcher({
        url: fake.url,
        tokenId: 'a@pve!b',
        secret: new Secret('s'),
        caFile: '/nonexistent/ca.pem',
      }),
    ).toThrow(/cannot read ca_file \/nonexistent\/ca.pem \(ENOENT\)/);
  });
});
