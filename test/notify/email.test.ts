import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmail } from '../../src/notify/email.js';
import { EmailNotifier } from '../../src/notify/schema.js';
import { type Message, NotifyError } from '../../src/notify/types.js';
import { type SmtpSink, startSmtpSink } from '../lab/smtp-sink.js';

const PASSWORD = 'p4ss-w0rd-never-shown';
const msg: Message = {
  key: '3b9f0c2e7a',
  event: 'routine.overdue',
  title: 'Routine "update the VMs" is overdue',
  text: 'Last done 45 days ago by *alice*.',
  url: 'https://ronde.example.org/routines/update-vms',
};

let sink: SmtpSink;
let plain: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ auth: { user: 'ronde', pass: PASSWORD } });
  plain = await startSmtpSink({ starttls: false, auth: { user: 'ronde', pass: PASSWORD } });
});
afterAll(async () => {
  await sink.close();
  await plain.close();
});

function email(to: SmtpSink, extra: Record<string, unknown> = {}) {
  const cfg = EmailNotifier.parse({
    name: 'team-mail',
    type: 'email',
    host: to.host,
    port: to.port,
    ca: to.caFile,
    user: 'ronde',
    password: '${env:SMTP_PASS}',
    from: 'ronde <ronde@example.org>',
    to: ['admins@example.org', 'bob@example.org'],
    timeout: 5,
    ...extra,
  });
  return createEmail(cfg, { SMTP_PASS: PASSWORD });
}

async function failure(p: Promise<unknown>): Promise<NotifyError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotifyError);
  return e as NotifyError;
}

describe('email notifier', () => {
  it('sends over STARTTLS with login, subject = title, a text body and a fixed Message-ID', async () => {
    await email(sink).send(msg, {});
    await email(sink).send(msg, {}); // a re-send after a crash
    const [first, again] = await sink.waitForMessages(2);
    expect(first!.secure).toBe(true);
    expect(first!.envelope).toEqual({
      from: 'ronde@example.org',
      to: ['admins@example.org', 'bob@example.org'],
    });
    expect(first!.headers.subject).toBe('Routine "update the VMs" is overdue');
    expect(first!.headers['message-id']).toBe('<3b9f0c2e7a@ronde>');
    expect(again!.headers['message-id']).toBe(first!.headers['message-id']);
    expect(first!.headers['content-type']).toMatch(/^multipart\/alternative/);
    const [text, html] = first!.parts;
    expect(text!.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
    expect(text!.body).toContain('Last done 45 days ago by alice.');
    expect(text!.body).toContain('https://ronde.example.org/routines/update-vms');
    expect(html!.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(html!.body).toContain('<p>Last done 45 days ago by <em>alice</em>.</p>');
    expect(html!.body).toContain('<a href="https://ronde.example.org/routines/update-vms">Open in ronde</a>');
    expect(sink.auths.every((a) => a.secure && a.username === 'ronde')).toBe(true);
  });

  it('writes French text and HTML from the same markdown, HTML escaped', async () => {
    const before = sink.messages.length;
    const cfg = EmailNotifier.parse({
      name: 'team-mail',
      type: 'email',
      host: sink.host,
      port: sink.port,
      ca: sink.caFile,
      user: 'ronde',
      password: '${env:SMTP_PASS}',
      from: 'ronde@example.org',
      to: ['admins@example.org'],
    });
    const fr = createEmail(cfg, { SMTP_PASS: PASSWORD }, 'fr');
    await fr.send(
      {
        ...msg,
        title: 'En retard de 4 jours : Mises à jour',
        text: '**web1** — ssh root@127.0.20.5 \\<script\\> <b>raw</b>\n\n1. apt update\n2. `ronde done maj --by NOM`',
      },
      {},
    );
    const [mail] = (await sink.waitForMessages(before + 1)).slice(before);
    expect(mail!.headers.subject).toBe('En retard de 4 jours : Mises à jour');
    const [text, html] = mail!.parts;
    expect(text!.body).toContain(
      'web1 — ssh root@127.0.20.5 <script> <b>raw</b>\n\n1. apt update\n2. ronde done maj --by NOM',
    );
    expect(html!.body).toContain('<html lang="fr">');
    expect(html!.body).toContain(
      '<strong>web1</strong> — ssh root@127.0.20.5 &lt;script&gt; &lt;b&gt;raw&lt;/b&gt;',
    );
    expect(html!.body).toContain('<li><code>ronde done maj --by NOM</code></li>');
    expect(html!.body).toContain('>Ouvrir dans ronde</a>');
    expect(html!.body).not.toMatch(/<script>|<b>/);
  });

  it('hashes a key that cannot stand in a Message-ID, the same way each time', async () => {
    const before = sink.messages.length;
    await email(sink).send({ ...msg, key: 'check:db1/backup.age <CRIT>' }, {});
    await email(sink).send({ ...msg, key: 'check:db1/backup.age <CRIT>' }, {});
    const [a, b] = (await sink.waitForMessages(before + 2)).slice(before);
    expect(a!.headers['message-id']).toMatch(/^<[0-9a-f]{64}@ronde>$/);
    expect(b!.headers['message-id']).toBe(a!.headers['message-id']);
  });

  it('refuses a server without STARTTLS: permanent error, no login, nothing sent in plaintext', async () => {
    const e = await failure(email(plain).send(msg, {}));
    expect(e.permanent).toBe(true);
    expect(e.message).toMatch(/STARTTLS/);
    expect(plain.auths).toHaveLength(0);
    expect(plain.messages).toHaveLength(0);
  });

  it('refuses a certificate it cannot verify (no CA given): permanent, nothing sent', async () => {
    const before = sink.messages.length;
    const cfg = EmailNotifier.parse({
      name: 'team-mail',
      type: 'email',
      host: sink.host,
      port: sink.port,
      from: 'ronde@example.org',
      to: ['admins@example.org'],
    });
    const e = await failure(createEmail(cfg, {}).send(msg, {}));
    expect(e.permanent).toBe(true);
    expect(e.message).toMatch(/certificate/);
    expect(sink.messages).toHaveLength(before);
  });

  it('classifies SMTP answers: 5xx permanent, 4xx transient, with the reply code', async () => {
    sink.refuse({ stage: 'rcpt', code: 550, message: 'No such user here' });
    const hard = await failure(email(sink, { to: ['gone@example.org'] }).send(msg, {}));
    expect(hard).toMatchObject({ permanent: true, status: 550 });
    expect(hard.message).toContain('No such user here');
    sink.refuse({ stage: 'mail', code: 451, message: 'Try again later' });
    expect(await failure(email(sink).send(msg, {}))).toMatchObject({ permanent: false, status: 451 });
  });

  it('a recipient refused while others accepted is a permanent error naming it (a retry would duplicate)', async () => {
    const before = sink.messages.length;
    sink.refuse({ stage: 'rcpt', code: 550, message: 'No such user here' });
    const e = await failure(email(sink).send(msg, {}));
    expect(e).toMatchObject({ permanent: true, status: 550 });
    expect(e.message).toContain('admins@example.org');
    expect(e.message).toContain('accepted for 1 of 2');
    const [mail] = (await sink.waitForMessages(before + 1)).slice(before);
    expect(mail!.envelope.to).toEqual(['bob@example.org']);
  });

  it('refused login is permanent and never shows the password', async () => {
    const cfg = EmailNotifier.parse({
      name: 'team-mail',
      type: 'email',
      host: sink.host,
      port: sink.port,
      ca: sink.caFile,
      user: 'ronde',
      password: '${env:SMTP_PASS}',
      from: 'ronde@example.org',
      to: ['admins@example.org'],
    });
    const e = await failure(createEmail(cfg, { SMTP_PASS: 'wrong-secret-value' }).send(msg, {}));
    expect(e).toMatchObject({ permanent: true, status: 535 });
    expect(e.message).not.toContain('wrong-secret-value');
  });

  it('an unreachable server is transient', async () => {
    const gone = await startSmtpSink();
    await gone.close();
    const e = await failure(email(gone, { ca: sink.caFile }).send(msg, {}));
    expect(e).toMatchObject({ permanent: false });
    expect(e.message).toMatch(/ECONNREFUSED|connect/i);
  });
});
