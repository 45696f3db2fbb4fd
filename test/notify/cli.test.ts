import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifyCommand } from '../../src/cli/notify.js';
import { buildNotifiers } from '../../src/notify/index.js';
import { Notifiers } from '../../src/notify/schema.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

const HOOK = 'hk8w2n5q7r1t3y6u9i0o4p2a';
let lab: HttpCapture;
beforeAll(async () => {
  lab = await startHttpCapture();
});
afterAll(() => lab.close());
beforeEach(() => {
  lab.requests.length = 0;
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const notifiers = Notifiers.parse([{ name: 'chat', type: 'mattermost', url: '${env:MM_HOOK}' }]);
  const cmd = notifyCommand({
    loadNotifiers: async () => buildNotifiers({ notifiers }, { MM_HOOK: `${lab.url}/hooks/${HOOK}` }),
    out: (s) => {
      out += `${s}\n`;
    },
    err: (s) => {
      err += `${s}\n`;
    },
  }).exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { out, err, code };
}

describe('ronde notify test NAME', () => {
  it('sends a test message and says it was accepted (exit 0)', async () => {
    const r = await run('test', 'chat');
    expect(r).toMatchObject({ code: 0, out: 'ok: mattermost "chat" accepted the test message\n' });
    expect(lab.requests).toHaveLength(1);
    expect(lab.requests[0]!.json).toMatchObject({ props: { ronde_event: 'test' } });
  });

  it('says why not, with the receiver’s answer and without the URL (exit 1)', async () => {
    lab.script({ status: 404, body: '{"message":"Unable to find the webhook"}' });
    const r = await run('test', 'chat');
    expect(r.code).toBe(1);
    expect(r.err).toContain('HTTP 404');
    expect(r.err).toContain('Unable to find the webhook');
    expect(r.err).toContain('will not pass by retrying');
    expect(r.err + r.out).not.toContain(HOOK);
  });

  it('lists the configured notifiers for an unknown name', async () => {
    await expect(run('test', 'chta')).rejects.toThrow(
      'no notifier named "chta" — did you mean "chat"? configured: chat',
    );
    expect(lab.requests).toHaveLength(0);
  });
});
