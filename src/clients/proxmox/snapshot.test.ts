import { describe, expect, it } from 'vitest';
import { ProxmoxError } from './errors.js';
import { awaitTask, startSnapshot } from './snapshot.js';
import type { ProxmoxFetcher } from './transport.js';

const UPID = 'UPID:pve1:00001234:0B1C2D3E:67500000:qmsnapshot:101:ronde@pve!upgrade:';

describe('Proxmox snapshots', () => {
  it('POSTs the snapshot form and returns the task UPID', async () => {
    const calls: unknown[][] = [];
    const fetch: ProxmoxFetcher = async (...args) => {
      calls.push(args);
      return { data: UPID };
    };
    const upid = await startSnapshot(fetch, {
      node: 'pve1',
      vmid: 101,
      snapname: 'ronde-20261205',
      description: 'x',
    });
    expect(upid).toBe(UPID);
    expect(calls).toEqual([
      ['/nodes/pve1/qemu/101/snapshot', {}, undefined, { snapname: 'ronde-20261205', description: 'x' }],
    ]);
  });

  it('refuses a snapshot name the API would refuse, and an answer that is no UPID', async () => {
    const fetch: ProxmoxFetcher = async () => ({ data: null });
    await expect(
      startSnapshot(fetch, { node: 'n', vmid: 1, snapname: '1bad', description: '' }),
    ).rejects.toThrow(/invalid snapshot name/);
    await expect(
      startSnapshot(fetch, { node: 'n', vmid: 1, snapname: 'good', description: '' }),
    ).rejects.toThrow(ProxmoxError);
  });

  it('waits for the task to stop and says how it ended', async () => {
    const answers = [
      { upid: UPID, node: 'pve1', type: 'qmsnapshot', status: 'running' },
      { upid: UPID, node: 'pve1', type: 'qmsnapshot', status: 'stopped', exitstatus: 'OK' },
    ];
    const paths: string[] = [];
    const fetch: ProxmoxFetcher = async (path) => {
      paths.push(path);
      return { data: answers.shift() };
    };
    expect(await awaitTask(fetch, 'pve1', UPID, { timeoutMs: 5000, pollMs: 1 })).toBe('OK');
    expect(paths[0]).toBe(`/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`);
    const failed: ProxmoxFetcher = async () => ({
      data: {
        upid: UPID,
        node: 'pve1',
        type: 'qmsnapshot',
        status: 'stopped',
        exitstatus: 'snapshot feature is not available',
      },
    });
    await expect(awaitTask(failed, 'pve1', UPID, { timeoutMs: 5000 })).rejects.toThrow(/not available/);
    const stuck: ProxmoxFetcher = async () => ({
      data: { upid: UPID, node: 'pve1', type: 'qmsnapshot', status: 'running' },
    });
    await expect(awaitTask(stuck, 'pve1', UPID, { timeoutMs: 20, pollMs: 5 })).rejects.toThrow(
      /still running/,
    );
  });
});
