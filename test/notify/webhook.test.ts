import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookNotifier } from '../../src/notify/schema.js';
import { type Message, NotifyError } from '../../src/notify/types.js';
import { createWebhook } from '../../src/notify/webhook.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

const TOKEN = 'tok-5d1e9a77c0ffee';
let lab: HttpCapture;
beforeAll(async () => {
  lab = await startHttpCapture();
});
afterAll(() => lab.close());
beforeEach(() => {
  lab.requests.length = 0;
});

const msg: Message = {
  key: 'abc123',
  event: 'check.recovery',
  title: 'disk on web1: OK',
  text: 'back to 61 %',
};

function webhook() {
  const cfg = WebhookNotifier.parse({
    name: 'ops-bridge',
    type: 'webhook',
    url: `${lab.url}/ronde?token=\${env:HOOK_TOKEN}`,
    headers: { Authorization: 'Bearer ${env:HOOK_TOKEN}', 'X-Team': 'infra' },
  });
  return createWebhook(cfg, { HOOK_TOKEN: TOKEN });
}

describe('webhook notifier', () => {
  it('POSTs the documented JSON with the idempotency key and resolved headers', async () => {
    const before = Date.now();
    await webhook().send(msg, {});
    const [req] = lab.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/ronde?token=${TOKEN}`);
    expect(req!.headers).toMatchObject({
      'idempotency-key': 'abc123',
      authorization: `Bearer ${TOKEN}`,
      'x-team': 'infra',
      'content-type': 'application/json',
    });
    const body = req!.json as Record<string, unknown>;
    expect(body).toEqual({
      key: 'abc123',
      event: 'check.recovery',
      title: 'disk on web1: OK',
      text: 'back to 61 %',
      severity: null,
      url: null,
      sent_at: expect.any(String),
    });
    expect(Date.parse(body.sent_at as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps the token out of the error even when the receiver echoes the request', async () => {
    lab.script({ status: 401, body: `bad token ${TOKEN} for /ronde?token=${TOKEN}` });
    const e = (await webhook()
      .send(msg, {})
      .catch((err: unknown) => err)) as NotifyError;
    expect(e).toBeInstanceOf(NotifyError);
    expect(e).toMatchObject({ permanent: true, status: 401 });
    expect(e.message).toContain('bad token ***');
    expect(e.message).not.toContain(TOKEN);
  });
});
