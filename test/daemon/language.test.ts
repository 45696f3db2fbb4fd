import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { CLI, tempDir } from '../cli/run-cli.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';
import { type SmtpSink, startSmtpSink } from '../lab/smtp-sink.js';

/*
 * Issue 16's acceptance, through the real daemon: with `language: fr` the
 * reminder post and its e-mail (text and HTML), and the first-run summary,
 * are French — in a process whose locale is English, so the config decides.
 */

const INVISIBLE = /[\u200b\u2060\ufeff]/;
const ENGLISH =
  /\b(Due today|Overdue|Suggested|Assigned|When done|Never done|is due|ronde is on its rounds|Open in ronde|checks? on|no filesystem|no certificate|matches|skipped|excluded|timed out|failed|not found)\b/;

describe('ronde serve with language: fr', () => {
  let http: HttpCapture;
  let smtp: SmtpSink;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    http = await startHttpCapture();
    smtp = await startSmtpSink({ auth: { user: 'ronde', pass: 'mail-secret' } });
    dir = tempDir('ronde-lang-');
    mkdirSync(join(dir, 'live'));
    config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      [
        'language: fr',
        'timezone: Europe/Paris',
        `database: { path: ${join(dir, 'ronde.db')} }`,
        'hosts: [{ name: self, local: true }]',
        'checks:',
        '  - { kind: system.disk, interval: 2s }',
        // Two checks that cannot tell, so that the first-run summary quotes their summaries.
        '  - { kind: system.disk, name: disque-absent, interval: 2s, options: { include: [/nonexistent-ronde] } }',
        `  - { kind: tls.files, name: certificats, interval: 2s, options: { paths: ["${join(dir, 'live')}/*/cert.pem"] } }`,
        'team: [{ name: alice, mattermost: alice }, { name: bob }]',
        'routines:',
        '  - id: sauvegardes',
        '    title: Vérifier les sauvegardes',
        '    every: 1w',
        '    checklist: [Regarder la date des dumps, "ssh root@127.0.20.5 ls /backup"]',
        'notifiers:',
        '  - { name: chat, type: mattermost, url: "${env:HOOK}" }',
        `  - { name: mail, type: email, host: ${smtp.host}, port: ${smtp.port}, ca: ${smtp.caFile}, user: ronde, password: "\${env:SMTP_PASS}", from: ronde@example.org, to: [equipe@example.org] }`,
        'notify: { digest: false }',
        '',
      ].join('\n'),
    );
    // An installation past its first evaluation: the routine's reminder is due now, not folded into the summary.
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
    await store.conn.db
      .insertInto('notify_marks')
      .values({ identity: 'routines:first-run', at: Date.now() - 86_400_000 })
      .execute();
    await store.close();
  });
  afterAll(async () => {
    await http.close();
    await smtp.close();
  });

  it('posts and mails the reminder and the summary in French', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        LANG: 'en_US.UTF-8',
        HOOK: `${http.url}/hooks/x`,
        SMTP_PASS: 'mail-secret',
      },
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      // The summary and the reminder, to each notifier.
      await http.waitForRequests(2, 30_000);
      await smtp.waitForMessages(2, 30_000);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const posts = http.requests.map((r) => (r.json as { text: string }).text);
    const reminder = posts.find(
      (p) => p.includes('Vérifier les sauvegardes') && !p.includes('ronde commence'),
    );
    expect(reminder).toContain('**À faire aujourd’hui : Vérifier les sauvegardes**');
    expect(reminder).toMatch(/Suggestion : @alice/);
    expect(reminder).toContain('Jamais faite.');
    expect(reminder).toContain('ssh root@127.0.20.5 ls /backup');
    expect(reminder).toContain('Une fois fait : `ronde done sauvegardes --by NOM`');
    const summary = posts.find((p) => p.includes('ronde commence sa ronde'));
    expect(summary).toMatch(/ronde surveille désormais \d+ vérifications? sur \d+ hôtes? : /);
    // The checks' own words are French too, not English inside a French post.
    expect(summary).toContain('aucun système de fichiers à vérifier (tous ignorés ou exclus)');
    // (the glob's `*` escaped for markdown)
    expect(summary).toContain(
      `— aucun fichier de certificat ne correspond à ${join(dir, 'live')}/\\*/cert.pem`,
    );

    const mail = smtp.messages.find((m) => m.headers.subject?.startsWith('À faire aujourd’hui'));
    expect(mail?.headers.subject).toBe('À faire aujourd’hui : Vérifier les sauvegardes');
    const [text, html] = mail!.parts;
    expect(text!.body).toContain('Vérifier les sauvegardes est à faire aujourd’hui');
    expect(text!.body).toContain('Une fois fait : ronde done sauvegardes --by NOM');
    expect(html!.body).toContain('<html lang="fr">');
    expect(html!.body).toContain('<code>ronde done sauvegardes --by NOM</code>');

    for (const s of [
      ...posts,
      ...smtp.messages.flatMap((m) => [m.headers.subject ?? '', ...m.parts.map((p) => p.body)]),
    ]) {
      expect(s).not.toMatch(ENGLISH);
      expect(s).not.toMatch(INVISIBLE);
    }
  }, 60_000);
});
