import { describe, expect, it } from 'vitest';
import { describeUnresolved, unresolvedNotifierSecrets } from './preflight.js';
import { Notifiers } from './schema.js';

const notifiers = Notifiers.parse([
  { name: 'chat', type: 'mattermost', url: '${env:MM_HOOK}' },
  {
    name: 'hook',
    type: 'webhook',
    url: 'https://hooks.example.org/ronde',
    headers: { Authorization: 'Bearer ${env:TOKEN}' },
  },
  {
    name: 'mail',
    type: 'email',
    host: 'smtp.example.org',
    user: 'ronde',
    password: '${file:/nonexistent/ronde-smtp}',
    from: 'ronde@example.org',
    to: ['admins@example.org'],
  },
]);

describe('unresolvedNotifierSecrets', () => {
  it('names every reference that does not resolve, with its notifier and field, never a value', () => {
    const found = unresolvedNotifierSecrets(notifiers, { TOKEN: 'sekret-token-value' });
    expect(found.map((u) => describeUnresolved(u))).toEqual([
      'notifier "chat" (url): secret ${env:MM_HOOK}: environment variable MM_HOOK is not set',
      'notifier "mail" (password): secret ${file:/nonexistent/ronde-smtp}: cannot read file (ENOENT)',
    ]);
    expect(JSON.stringify(found)).not.toContain('sekret');
  });

  it('is empty when every reference resolves', () => {
    const ok = unresolvedNotifierSecrets(notifiers.slice(0, 2), { MM_HOOK: 'https://x/hooks/y', TOKEN: 't' });
    expect(ok).toEqual([]);
  });
});
