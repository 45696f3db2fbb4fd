import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseLocation } from './location.js';
import { prepareSqliteFile } from './sqlite-file.js';

describe('databaseLocation', () => {
  const env = { HOME: '/home/alice' };

  it('keeps a personal run under the XDG data dir', () => {
    expect(databaseLocation({ configPath: null, env })).toEqual({
      kind: 'sqlite',
      path: '/home/alice/.local/share/ronde/ronde.db',
    });
    expect(
      databaseLocation({ configPath: '/home/alice/ronde.yaml', env: { ...env, XDG_DATA_HOME: '/d' } }),
    ).toEqual({
      kind: 'sqlite',
      path: '/d/ronde/ronde.db',
    });
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    const loc = databaseLocation({ configPath: null, env: { ...env, XDG_DATA_HOME: 'rel' } });
    expect(loc).toMatchObject({ path: '/home/alice/.local/share/ronde/ronde.db' });
  });

  it('shares /var/lib/ronde/ronde.db for an installed ronde', () => {
    expect(databaseLocation({ configPath: '/etc/ronde/ronde.yaml', env })).toEqual({
      kind: 'sqlite',
      path: '/var/lib/ronde/ronde.db',
      shared: true,
    });
  });

  it('lets database: in the config override both', () => {
    const url = 'postgres://ronde:s3cret@127.0.0.1:5432/ronde';
    expect(databaseLocation({ configPath: '/etc/ronde/ronde.yaml', database: { url }, env })).toEqual({
      kind: 'postgres',
      url,
    });
    expect(
      databaseLocation({ configPath: '/srv/ops/ronde.yaml', database: { path: 'data/r.db' }, env }),
    ).toEqual({
      kind: 'sqlite',
      path: '/srv/ops/data/r.db',
      shared: false,
    });
  });

  it('rejects an unknown URL scheme without echoing the URL (it may hold a password)', () => {
    const call = () =>
      databaseLocation({ configPath: null, database: { url: 'mysql://u:s3cret@h/db' }, env });
    expect(call).toThrow(/unsupported scheme "mysql:"/);
    expect(call).not.toThrow(/s3cret/);
  });
});

describe('prepareSqliteFile', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a shared database group-writable in a setgid dir, whatever the umask', () => {
    dir = mkdtempSync(join(tmpdir(), 'ronde-loc-'));
    const old = process.umask(0o077);
    try {
      prepareSqliteFile(join(dir, 'lib', 'ronde.db'), true);
    } finally {
      process.umask(old);
    }
    expect(statSync(join(dir, 'lib')).mode & 0o7777).toBe(0o2775);
    expect(statSync(join(dir, 'lib', 'ronde.db')).mode & 0o777).toBe(0o660);
  });

  it('creates a personal database private', () => {
    dir = mkdtempSync(join(tmpdir(), 'ronde-loc-'));
    prepareSqliteFile(join(dir, 'share', 'ronde', 'ronde.db'), false);
    expect(statSync(join(dir, 'share', 'ronde')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'share', 'ronde', 'ronde.db')).mode & 0o777).toBe(0o600);
  });
});
