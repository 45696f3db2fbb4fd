import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import { accessStore } from '../store/access.js';
import { openStore } from '../store/db.js';
import {
  type AccessIo,
  accessApproveCmd,
  accessHistoryCmd,
  accessReviewCmd,
  keysFilesLine,
} from './access.js';
import type { CliContext } from './context.js';
import { setCliLang } from './lang.js';

/** `ronde access approve` and `history` in the team language, dates in its zone, labelled. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ronde-access-'));
});
afterEach(() => {
  setCliLang(undefined);
  rmSync(dir, { recursive: true, force: true });
});

function context(language: 'fr' | 'en'): CliContext {
  const config = parseConfig(
    `language: ${language}\ntimezone: Europe/Paris\nteam: [{ name: alice }]\nhosts: [{ name: ronde, local: true }]\n`,
    'ronde.yaml',
    registry,
    {},
  );
  const open = () => openStore({ kind: 'sqlite', path: join(dir, 'r.db') });
  return { configPath: null, config, registry, stateDir: dir, openStore: open } as unknown as CliContext;
}

async function run(language: 'fr' | 'en'): Promise<string> {
  setCliLang(language);
  const ctx = context(language);
  const store = await ctx.openStore();
  try {
    await accessStore(store.conn).recordSnapshot('ldap-accounts@ronde', new Date('2026-12-05T16:00:00Z'), []);
  } finally {
    await store.close();
  }
  let text = '';
  const io: AccessIo = { out: (s) => (text += s), err: (s) => (text += s) };
  const at = new Date('2026-12-05T16:40:00Z');
  await accessApproveCmd(ctx, 'ldap-accounts', { by: 'alice', note: 'carol arrive' }, io, at);
  await accessHistoryCmd(ctx, undefined, { json: false }, io);
  await expect(accessReviewCmd(ctx, [], { json: false, markdown: false }, io)).rejects.toThrow(
    language === 'fr' ? 'aucune vérification access.review' : 'no access.review check',
  );
  return text;
}

describe('ronde access in the team language', () => {
  it('French', async () => {
    expect(await run('fr')).toMatch(
      /^ldap-accounts@ronde : instantané 1 \(0 accès\) approuvé par alice\n2026-12-05 17:40 CET {2}ldap-accounts@ronde {2}instantané 1 {2}alice : carol arrive\n$/,
    );
  });

  it('English, the time now in the configured zone with its label', async () => {
    expect(await run('en')).toBe(
      'ldap-accounts@ronde: snapshot 1 (0 accesses) approved by alice\n' +
        '2026-12-05 17:40 CET  ldap-accounts@ronde  snapshot 1  alice: carol arrive\n',
    );
  });

  it('no authorized_keys file read at all: said in the team language', () => {
    const k = { from: 'sshd -T', patterns: [] };
    setCliLang('fr');
    expect(keysFilesLine(k)).toBe('clés lues dans aucun fichier (sshd -T)');
    setCliLang('en');
    expect(keysFilesLine(k)).toBe('keys read from none (sshd -T)');
  });
});
