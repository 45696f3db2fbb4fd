import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  kit = await webKit();
});
afterEach(() => kit.close());

it('check page: the latest result’s suggestions, linked, escaped', async () => {
  await kit.results(kit.now.t, [
    [
      'web1',
      'gitlab.issues',
      'OK',
      '1 open issue idle for 90+ days',
      {
        suggestions: [
          {
            text: 'team/infra#7 <b>Document</b> the LDAP backup',
            url: 'https://gitlab.example.org/team/infra/-/issues/7',
            since: '2025-11-24',
            group: 'docs',
          },
          { text: 'bad link', url: 'javascript:alert(1)' },
        ],
      },
    ],
  ]);
  const html = await (await kit.req('GET', '/hosts/web1/checks/gitlab.issues', { as: 'viewer' })).text();
  expect(html).toContain('When you have time');
  expect(html).toContain(
    '<a href="https://gitlab.example.org/team/infra/-/issues/7">team/infra#7 &lt;b&gt;Document&lt;/b&gt; the LDAP backup</a>',
  );
  expect(html).toContain('docs, idle since 2025-11-24');
  expect(html).not.toContain('javascript:');
});

it('routine page (R13): the suggestions of its linked checks, under each check', async () => {
  const yaml = `
timezone: Europe/Paris
hosts:
  - { name: ronde, local: true }
checks:
  - { kind: gitlab.issues, on: ronde, options: { url: "https://gitlab.example.org", projects: [team/infra] } }
team:
  - { name: alice }
  - { name: operator }
  - { name: admin }
routines:
  - { id: forgotten-issues, title: Pick up abandoned GitLab issues, every: 1mo, checks: [gitlab.issues] }
`;
  const own = await webKit(yaml);
  try {
    await own.results(own.now.t, [
      [
        'ronde',
        'gitlab.issues',
        'OK',
        '1 open issue idle for 90+ days',
        {
          suggestions: [
            {
              text: 'team/infra#7 Document the LDAP backup',
              url: 'https://gitlab.example.org/team/infra/-/issues/7',
              group: 'docs',
            },
          ],
        },
      ],
    ]);
    const html = await (await own.req('GET', '/routines/forgotten-issues', { as: 'viewer' })).text();
    expect(html).toContain(
      '1 open issue idle for 90+ days<ul><li><a href="https://gitlab.example.org/team/infra/-/issues/7">team/infra#7 Document the LDAP backup</a>',
    );
  } finally {
    await own.close();
  }
});
