import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTIFIER_TYPES } from './index.js';
import { NotifierConfig, Notifiers, Route, route, routeIssues } from './schema.js';

describe('notifiers: section', () => {
  it('fills defaults and refuses unknown keys and types', () => {
    const [mm, mail] = Notifiers.parse([
      { name: 'chat', type: 'mattermost', url: '${env:HOOK}' },
      { name: 'mail', type: 'email', host: 'smtp.example.org', from: 'r@example.org', to: ['a@example.org'] },
    ]);
    expect(mm).toMatchObject({ timeout: 10 });
    expect(mail).toMatchObject({ starttls: true, tls: false, timeout: 10 });
    expect(
      Notifiers.safeParse([{ name: 'c', type: 'mattermost', url: 'https://x/hooks/1', chanel: 'x' }]).success,
    ).toBe(false);
    expect(Notifiers.safeParse([{ name: 'c', type: 'slack', url: 'https://x' }]).success).toBe(false);
  });

  it('refuses a duplicate name, a bad reference, and a password that could go out in plaintext', () => {
    const dup = Notifiers.safeParse([
      { name: 'c', type: 'webhook', url: 'https://a.example/x' },
      { name: 'c', type: 'webhook', url: 'https://b.example/x' },
    ]);
    expect(dup.error?.issues[0]?.message).toBe('notifier "c" defined twice');
    expect(NotifierConfig.safeParse({ name: 'c', type: 'webhook', url: '${vault:x}' }).success).toBe(false);
    const plain = NotifierConfig.safeParse({
      ...{ name: 'm', type: 'email', host: 'h', from: 'f@x', to: ['t@x'] },
      ...{ starttls: false, user: 'u', password: '${env:P}' },
    });
    expect(plain.error?.issues[0]?.message).toMatch(/never sent in plaintext/);
  });
});

describe('routes', () => {
  const names = ['chat', 'mail', 'pager'];
  it('sends every event to every notifier when no route is given', () => {
    expect(route('check.problem', undefined, names)).toEqual(names);
    expect(route('digest', [], names)).toEqual(names);
  });

  it('matches globs and keeps the order of the notifiers', () => {
    const routes = [
      Route.parse({ events: ['check.*'], notifiers: ['pager', 'chat'] }),
      Route.parse({ events: ['routine.overdue', 'digest'], notifiers: ['mail'] }),
      Route.parse({ events: ['*'], notifiers: ['chat'] }),
    ];
    expect(route('check.problem', routes, names)).toEqual(['chat', 'pager']);
    expect(route('digest', routes, names)).toEqual(['chat', 'mail']);
    expect(route('routine.due', routes, names)).toEqual(['chat']);
  });

  it('refuses a glob that matches no event and a route to an unknown notifier', () => {
    expect(Route.safeParse({ events: ['chek.*'], notifiers: ['chat'] }).error?.issues[0]?.message).toMatch(
      /matches no event/,
    );
    const issues = routeIssues([{ events: ['*'], notifiers: ['chat', 'pagr'] }], [{ name: 'chat' }]);
    expect(issues).toEqual([
      { path: ['routes', 0, 'notifiers', 1], message: 'no notifier named "pagr" in `notifiers:`' },
    ]);
  });
});

describe('registry of notifier types', () => {
  it('has one entry per type of the schema, each with its file and its section in docs/notifiers.md', () => {
    const types = NotifierConfig.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(NOTIFIER_TYPES).sort()).toEqual(types);
    const files = readdirSync(new URL('.', import.meta.url));
    const docs = readFileSync(new URL('../../docs/notifiers.md', import.meta.url), 'utf8');
    for (const t of types) {
      expect(files).toContain(`${t}.ts`);
      expect(docs).toContain(`## \`${t}\``);
    }
  });
});
