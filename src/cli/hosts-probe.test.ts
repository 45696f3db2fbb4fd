import { assert, describe, expect, it } from 'vitest';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import { TargetError } from '../core/target.js';
import { apiOnlyHosts, renderHosts } from './hosts.js';
import { classify, type HostReport, probeHosts, reportStatus, worstReport } from './hosts-probe.js';

const FP = 'SHA256:n0XrKq8x4b4vE0mJm2tq6S+9d/3VYx6fQnQw0b1Zk2Y';

describe('classify: a connection failure as the STATE column says it', () => {
  it('names the unknown key by its fingerprint', () => {
    const v = classify(
      new TargetError(
        `host key of web2 (127.0.20.12) is not known: ssh-ed25519 ${FP}. Check the fingerprint, then run \`ronde hosts trust web2\`.`,
        'hostkey-unknown',
      ),
    );
    expect(v).toMatchObject({
      reachability: 'hostkey-unknown',
      state: `unknown host key (${FP})`,
      fingerprint: FP,
    });
  });

  it('tells a changed key from a revoked one; both are CRIT', () => {
    const changed = classify(
      new TargetError(
        `host key changed for db1: it now presents ssh-ed25519 ${FP}`,
        'hostkey-changed',
        'CRIT',
      ),
    );
    const revoked = classify(
      new TargetError(`host key of db1 (x) is REVOKED (f:1): ssh-ed25519 ${FP}`, 'hostkey-changed', 'CRIT'),
    );
    expect([changed.state, revoked.state]).toEqual(['HOST KEY CHANGED', 'HOST KEY REVOKED']);
    expect(reportStatus(changed)).toBe('CRIT');
    expect(reportStatus(revoked)).toBe('CRIT');
  });

  it('lists what was tried when login fails', () => {
    const v = classify(
      new TargetError(
        'authentication failed for root@127.0.20.21: tried publickey /k1, agent /run/a; skipped /k2 (ENOENT); the server accepts publickey',
        'auth',
      ),
    );
    expect(v.state).toBe('auth failed (tried publickey /k1, agent /run/a)');
    expect(reportStatus(v)).toBe('UNKNOWN');
  });

  it('keeps the reason of an unreachable host without repeating the login', () => {
    const refused = classify(
      new TargetError(
        'connection to ronde@127.0.20.34 refused (nothing listens on that port)',
        'unreachable',
      ),
    );
    expect(refused.state).toBe('unreachable (refused: nothing listens on that port)');
    const slow = classify(
      new TargetError(
        'connection to ronde@127.0.20.34 timed out after 5 s: the port accepted the connection but sent no SSH banner',
        'timeout',
      ),
    );
    expect(slow.state).toBe(
      'unreachable (timed out after 5 s: the port accepted the connection but sent no SSH banner)',
    );
    expect(classify(new Error('boom')).reachability).toBe('unreachable');
  });
});

const report = (over: Partial<HostReport>): HostReport => ({
  name: 'web1',
  address: '127.0.20.11',
  transport: 'ssh',
  tags: ['web'],
  login: 'ronde@127.0.20.11',
  jump: [],
  warnings: [],
  reachability: 'ok',
  state: 'ok',
  ...over,
});

describe('renderHosts and the exit status', () => {
  it('aligns the columns, shows warnings and the full reason under a host, and a summary', () => {
    const reports = [
      report({}),
      report({
        name: 'pve1',
        address: 'pve1',
        tags: [],
        login: 'root@127.0.20.21',
        jump: ['ronde@127.0.20.2'],
        warnings: ['/home/u/.ssh/config:3: ProxyCommand is not supported by ronde, use ProxyJump'],
        ...classify(
          new TargetError(
            `host key of pve1 (127.0.20.21) is not known: ssh-ed25519 ${FP}.`,
            'hostkey-unknown',
          ),
        ),
      }),
    ];
    const text = renderHosts(reports, false);
    expect(text.split('\n')).toEqual([
      'NAME  ADDRESS      TRANSPORT  TAGS  LOGIN              JUMP              STATE',
      'web1  127.0.20.11  ssh        web   ronde@127.0.20.11  -                 ok',
      `pve1  pve1         ssh        -     root@127.0.20.21   ronde@127.0.20.2  unknown host key (${FP})`,
      '    warning: /home/u/.ssh/config:3: ProxyCommand is not supported by ronde, use ProxyJump',
      `    host key of pve1 (127.0.20.21) is not known: ssh-ed25519 ${FP}.`,
      '',
      '2 host(s), 1 not reachable; trust a host: ronde hosts trust NAME',
      '',
    ]);
    expect(worstReport(reports)).toBe('UNKNOWN');
    expect(
      worstReport([report({}), report({ transport: 'local', reachability: 'local', state: 'local' })]),
    ).toBe('OK');
  });
});

describe('API-only hosts (Proxmox without SSH)', () => {
  const config = parseConfig(
    `hosts:
  - { name: web1 }
  - { name: pve1, address: 127.0.20.21 }
checks:
  - { kind: system.disk, on: web1 }
  - { kind: proxmox.backups, on: pve1, options: { token: "\${env:PVE_TOKEN}" } }
`,
    'ronde.yaml',
    registry,
    {},
  );

  it('are the hosts whose every check talks to an API', () => {
    expect(apiOnlyHosts({ config, registry })).toEqual(new Map([['pve1', ['proxmox.backups']]]));
  });

  it('are shown as such, not unreachable, and do not make the exit code worse', async () => {
    const pool = { resolve: () => assert.fail('an API-only host is never logged in to') } as never;
    const reports = await probeHosts(config.hosts.slice(1), config, pool, {
      probe: true,
      apiOnly: apiOnlyHosts({ config, registry }),
    });
    expect(reports[0]).toMatchObject({
      transport: 'api',
      reachability: 'api-only',
      state: 'API only (proxmox.backups): no SSH needed',
    });
    expect(worstReport(reports)).toBe('OK');
    expect(renderHosts(reports, false)).toContain('1 host(s), all reachable (1 through an API only)');
  });
});
