import { describe, expect, it } from 'vitest';
import { registry } from '../checks/index.js';
import { ConfigError, parseConfig } from '../config/load.js';

const problems = (text: string): string[] => {
  try {
    parseConfig(text, 'ronde.yaml', registry, {});
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    throw err;
  }
};

describe('releases: in ronde.yaml', () => {
  it('loads a watch list with defaults', () => {
    const c = parseConfig(
      'releases:\n  - { name: redis, source: github, repo: redis/redis }\n',
      'ronde.yaml',
      registry,
      {},
    );
    expect(c.releases).toEqual([
      {
        name: 'redis',
        source: 'github',
        repo: 'redis/redis',
        use_tags: false,
        prerelease: false,
        ignore: [],
        images: [],
      },
    ]);
  });

  it('refuses an unknown source and a typo in a key, with lines', () => {
    const text = [
      'releases:',
      '  - { name: a, source: gitub, repo: x/y }',
      '  - { name: b, source: oci, repo: redis, prerelase: true }',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      '2: releases[0].source: Invalid option: expected one of "oci"|"github"|"gitlab"',
      '3: releases[1].prerelase: unknown key (did you mean "prerelease"?)',
    ]);
  });

  it('refuses a duplicate name and a notifier that does not exist', () => {
    const hook = 'notifiers: [{ name: chat, type: mattermost, url: "${env:HOOK}" }]';
    const dup = [
      hook,
      'releases:',
      '  - { name: b, source: github, repo: x/y }',
      '  - { name: b, source: oci, repo: r }',
    ];
    expect(problems(`${dup.join('\n')}\n`).join('\n')).toContain('release watch "b" defined twice');
    const typo = [hook, 'releases:', '  - { name: b, source: github, repo: x/y, notify: [chta] }'];
    expect(problems(`${typo.join('\n')}\n`)).toEqual([
      '3: releases[0].notify[0]: no notifier named "chta" in `notifiers:`',
    ]);
  });
});
