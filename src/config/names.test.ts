import { describe, expect, it } from 'vitest';
import {
  checkProblem,
  hostProblem,
  hostSelectorProblem,
  linkProblem,
  type NameBook,
  routineProblem,
  selectNames,
} from './names.js';

const book: NameBook = {
  hosts: [
    { name: 'web1', tags: ['web'] },
    { name: 'docker1', tags: ['docker', 'web'] },
    { name: 'db1', tags: [] },
  ],
  checks: [
    { name: 'apt.pending', kind: 'apt.pending', on: ['all'] },
    { name: 'disk-root', kind: 'system.disk', on: ['!tag:docker'] },
  ],
};
const kinds = ['apt.pending', 'system.disk', 'system.units', 'docker.disk'];

describe('names against the configuration', () => {
  it('accepts hosts, tags, all and exclusions that exist', () => {
    for (const s of ['web1', 'tag:web', 'all', '!db1', '!tag:docker'])
      expect(hostSelectorProblem(book, s)).toBeUndefined();
  });

  it('names the nearest host or tag and lists them', () => {
    expect(hostProblem(book, 'dockr1')).toBe(
      'unknown host "dockr1" — did you mean "docker1"? Hosts: web1, docker1, db1',
    );
    expect(hostSelectorProblem(book, '!tag:dokcer')).toBe(
      'no host has tag "dokcer" — did you mean "docker"? Tags: docker, web',
    );
    expect(hostProblem(book, 'mail')).toBe('unknown host "mail". Hosts: web1, docker1, db1');
  });

  it('takes a check by instance name or by kind, and lists both', () => {
    expect(checkProblem(book, 'disk-root', kinds)).toBeUndefined();
    expect(checkProblem(book, 'system.disk', kinds)).toBeUndefined();
    expect(checkProblem(book, 'apt.pendng', kinds)).toBe(
      'unknown check "apt.pendng" — did you mean "apt.pending"? ' +
        'Checks: apt.pending, disk-root (system.disk), system.disk (kind)',
    );
    expect(checkProblem(book, 'disk-rot', kinds)).toMatch(/did you mean "disk-root"\?/);
  });

  it('says when a real kind is not configured', () => {
    expect(checkProblem(book, 'system.units', kinds)).toBe(
      'no check of kind "system.units" is configured. Checks: apt.pending, disk-root (system.disk), system.disk (kind)',
    );
  });

  it('validates a routine link, its host and that the check runs there', () => {
    expect(linkProblem(book, 'apt.pending@tag:web', kinds)).toBeUndefined();
    expect(linkProblem(book, 'disk-root@web1', kinds)).toBeUndefined();
    expect(linkProblem(book, 'apt.pending@web9', kinds)).toMatch(
      /^unknown host "web9" — did you mean "web1"\?/,
    );
    expect(linkProblem(book, 'disk-root@docker1', kinds)).toBe(
      '"disk-root" does not run on docker1 (it runs on: !tag:docker), so this link would never have a result',
    );
    // A tag some of whose hosts run it is fine: the link matches there.
    expect(linkProblem(book, 'disk-root@tag:web', kinds)).toBeUndefined();
  });

  it('selects host names as checks: on: does', () => {
    expect(selectNames(book, ['!tag:docker'])).toEqual(['web1', 'db1']);
    expect(selectNames(book, ['tag:web', '!web1'])).toEqual(['docker1']);
  });

  it('names the nearest routine id', () => {
    expect(routineProblem(['backups', 'vm-updates'], 'backup')).toBe(
      'unknown routine "backup" — did you mean "backups"? Routines: backups, vm-updates',
    );
    expect(routineProblem([], 'x')).toMatch(/no routine is configured/);
    expect(routineProblem(['a'], 'a')).toBeUndefined();
  });
});
