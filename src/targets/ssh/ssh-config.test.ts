import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProxyJump, parseSshConfig, resolveSshConfig } from './ssh-config.js';

const ctx = { home: '/home/ops', localUser: 'ops' };
const resolve = (text: string, host: string, user?: string) =>
  resolveSshConfig(parseSshConfig(text, 'config', ctx), host, ctx, user);

describe('ssh_config', () => {
  const config = `
# the team's config
Host web? !web9
  HostName %h.example.org
  User deploy
  IdentityFile ~/.ssh/id_%r_%h
Host web1
  User other
  Port 2222
Host *
  User fallback
  IdentityFile "~/.ssh/with space"
  ProxyJump none
  ServerAliveInterval 20
`;

  it('first value wins, in file order, with wildcards and negation', () => {
    const r = resolve(config, 'web1');
    expect(r).toMatchObject({ hostName: 'web1.example.org', user: 'deploy', port: 2222, proxyJump: 'none' });
    expect(resolve(config, 'web9').user).toBe('fallback');
    expect(resolve(config, 'db').hostName).toBeUndefined();
  });

  it('IdentityFile accumulates, with ~, %r and %h expanded', () => {
    expect(resolve(config, 'web2').identityFiles).toEqual([
      '/home/ops/.ssh/id_deploy_web2.example.org',
      '/home/ops/.ssh/with space',
    ]);
  });

  it('Keyword=value, case-insensitive keywords, trailing comments', () => {
    const r = resolve('HOST=db\n  port=2200 # admin port\n  user = "pg admin"\n', 'db');
    expect(r).toMatchObject({ port: 2200, user: 'pg admin' });
  });

  it('Match host/user/all; Match exec never runs and never matches', () => {
    const text =
      'Match exec "touch /tmp/x"\n  User nope\nMatch host 127.0.20.* user root\n  Port 2022\nMatch all\n  User any\n';
    expect(resolve(text, '127.0.20.5', 'root')).toMatchObject({ port: 2022, user: 'any' });
    expect(resolve(text, '127.0.20.5', 'root').warnings.join()).toMatch(/Match exec is not supported/);
    expect(resolve(text, '127.0.21.5', 'root').port).toBeUndefined();
  });

  it('Include of a glob relative to ~/.ssh applies inside its Host block', () => {
    const home = mkdtempSync(join(tmpdir(), 'ronde-sshcfg-'));
    const c = { home, localUser: 'ops' };
    mkdirSync(join(home, '.ssh/conf.d'), { recursive: true });
    writeFileSync(join(home, '.ssh/conf.d/a.conf'), 'User from-include\n');
    const d = parseSshConfig('Host lab\n  Include conf.d/*.conf\n', 'config', c);
    expect(resolveSshConfig(d, 'lab', c).user).toBe('from-include');
    expect(resolveSshConfig(d, 'other', c).user).toBeUndefined();
  });

  it('ProxyJump: users, ports, IPv6 literals, chains', () => {
    expect(parseProxyJump('admin@[2001:db8::1]:2222,bastion')).toEqual([
      { user: 'admin', host: '2001:db8::1', port: 2222 },
      { host: 'bastion' },
    ]);
    expect(parseProxyJump('ssh://j@127.0.20.1:22')).toEqual([{ user: 'j', host: '127.0.20.1', port: 22 }]);
    expect(parseProxyJump('none')).toEqual([]);
  });
});
