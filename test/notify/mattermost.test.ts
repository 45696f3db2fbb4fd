import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMattermost } from '../../src/notify/mattermost.js';
import { MattermostNotifier } from '../../src/notify/schema.js';
import { type Message, NotifyError } from '../../src/notify/types.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

const HOOK_ID = 'x3f9k2secrethookid8d7w1';
let lab: HttpCapture;
const env = () => ({ MM_HOOK: `${lab.url}/hooks/${HOOK_ID}` });
const msg: Message = {
  key: 'k-7f3a',
  event: 'check.problem',
  title: 'backup.age on db1: CRIT',
  text: 'newest dump is **31 days** old',
  severity: 'critical',
  url: 'https://ronde.example.org/checks/backup.age',
};

function notifier(extra: Record<string, unknown> = {}) {
  const cfg = MattermostNotifier.parse({ name: 'chat', type: 'mattermost', url: '${env:MM_HOOK}', ...extra });
  return createMattermost(cfg, env());
}

async function failure(p: Promise<unknown>): Promise<NotifyError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotifyError);
  return e as NotifyError;
}

beforeAll(async () => {
  lab = await startHttpCapture();
});
afterAll(() => lab.close());
beforeEach(() => {
  lab.requests.length = 0;
});

describe('mattermost notifier', () => {
  it('posts Mattermost’s documented payload to the hook, with the key in props and a header', async () => {
    await notifier({ channel: 'ops', username: 'ronde', icon_emoji: 'bell' }).send(msg, {});
    const [req] = lab.requests;
    expect(req).toMatchObject({ method: 'POST', path: `/hooks/${HOOK_ID}` });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['idempotency-key']).toBe('k-7f3a');
    expect(req!.json).toEqual({
      text: ':red_circle: **backup.age on db1: CRIT**\n\nnewest dump is **31 days** old\n\n[Open in ronde](https://ronde.example.org/checks/backup.age)',
      channel: 'ops',
      username: 'ronde',
      icon_emoji: 'bell',
      props: { ronde_key: 'k-7f3a', ronde_event: 'check.problem' },
    });
  });

  it('cuts a post longer than 16383 characters and says so', async () => {
    await notifier().send({ ...msg, text: 'é'.repeat(20_000) }, {});
    const text = (lab.requests[0]!.json as { text: string }).text;
    expect(Array.from(text).length).toBeLessThanOrEqual(16383);
    expect(text).toMatch(/cut: \d+ characters, Mattermost takes 16383/);
    expect(text).toContain('[Open in ronde]');
  });

  it.each([
    [400, 'Invalid webhook', true],
    [403, 'Incoming webhooks are not allowed to override the username', true],
    [404, 'Unable to find the webhook', true],
    [413, 'Request body too large', true],
    [408, 'Request Timeout', false],
    [429, 'Too many requests', false],
    [500, 'Internal server error', false],
    [502, 'Bad Gateway', false],
    [503, 'Service Unavailable', false],
  ])(
    'classifies HTTP %i "%s" as permanent=%s, with the status and the answer',
    async (status, text, permanent) => {
      lab.script({ status, body: JSON.stringify({ id: 'api.error', message: text, status_code: status }) });
      const e = await failure(notifier().send(msg, {}));
      expect(e).toMatchObject({ permanent, status });
      expect(e.message).toContain(text);
      expect(e.message).toContain('mattermost "chat"');
    },
  );

  it('honours Retry-After (seconds or date) and else Mattermost’s X-Ratelimit-Reset on 429', async () => {
    lab.script({ status: 429, headers: { 'retry-after': '17' } });
    expect((await failure(notifier().send(msg, {}))).retryAfterSec).toBe(17);
    const at = new Date(Date.now() + 120_000).toUTCString();
    lab.script({ status: 503, headers: { 'retry-after': at } });
    expect((await failure(notifier().send(msg, {}))).retryAfterSec).toBeGreaterThanOrEqual(118);
    lab.script({ status: 429, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-reset': '4' } });
    expect((await failure(notifier().send(msg, {}))).retryAfterSec).toBe(4);
  });

  it('never shows the hook URL in an error, even when the receiver echoes it', async () => {
    lab.script({ status: 400, body: `Invalid webhook /hooks/${HOOK_ID}` });
    const e = await failure(notifier().send(msg, {}));
    expect(e.message).not.toContain(HOOK_ID);
    expect(e.message).toContain('***');
    expect(`${e.stack}`).not.toContain(HOOK_ID);
  });

  it('treats a cut connection, a timeout and an unreachable server as transient, without the URL', async () => {
    lab.script({ destroy: true });
    const cut = await failure(notifier().send(msg, {}));
    expect(cut.permanent).toBe(false);
    lab.script({ delayMs: 3000 });
    const slow = await failure(notifier({ timeout: 1 }).send(msg, {}));
    expect(slow).toMatchObject({ permanent: false });
    expect(slow.message).toContain('no answer within 1 s');
    const gone = await startHttpCapture();
    await gone.close();
    const cfg = MattermostNotifier.parse({ name: 'chat', type: 'mattermost', url: '${env:MM_HOOK}' });
    const refused = await failure(
      createMattermost(cfg, { MM_HOOK: `${gone.url}/hooks/${HOOK_ID}` }).send(msg, {}),
    );
    expect(refused.permanent).toBe(false);
    expect(refused.message).toContain('ECONNREFUSED');
    for (const e of [cut, slow, refused]) expect(e.message).not.toContain(HOOK_ID);
  });

  it('refuses a 200 HTML page (a login proxy) and a redirect as permanent', async () => {
    lab.script({ status: 200, body: '<!doctype html><title>Sign in</title>' });
    expect(await failure(notifier().send(msg, {}))).toMatchObject({ permanent: true });
    lab.script({ status: 302, headers: { location: '/login' }, body: '' });
    const redirected = await failure(notifier().send(msg, {}));
    expect(redirected).toMatchObject({ permanent: true, status: 302 });
    expect(lab.requests.every((r) => r.method === 'POST')).toBe(true);
  });

  it('gives up on an abort from the caller as transient', async () => {
    lab.hold();
    const before = lab.pending;
    const ac = new AbortController();
    const sending = notifier().send(msg, { signal: ac.signal });
    sending.catch(() => {});
    await lab.waitForRequests(1);
    expect(lab.pending).toBe(before + 1);
    ac.abort();
    expect(await failure(sending)).toMatchObject({ permanent: false });
    lab.release();
  });

  it('fails permanently, naming the reference only, when the secret is missing', async () => {
    const cfg = MattermostNotifier.parse({ name: 'chat', type: 'mattermost', url: '${env:NOPE_HOOK}' });
    const e = await failure(createMattermost(cfg, {}).send(msg, {}));
    expect(e).toMatchObject({ permanent: true });
    expect(e.message).toContain('NOPE_HOOK');
    expect(lab.requests).toHaveLength(0);
  });
});
