import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareName, isKernel, parseHolds, parseSimulation } from './simulate.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/upgrade/${name}`, import.meta.url), 'utf8');

describe('parseSimulation', () => {
  it('reads every Inst line of a real bookworm full-upgrade, security origins included', () => {
    const text = fixture('bookworm-apt-get-s-full-upgrade.txt');
    const sim = parseSimulation(text);
    expect(sim.unparsed).toEqual([]);
    expect(sim.installs).toHaveLength(text.match(/^Inst /gm)!.length);
    expect(sim.installs).toHaveLength(124);
    expect(sim.counts).toEqual({ upgraded: 124, newlyInstalled: 0, remove: 0, notUpgraded: 0 });
    expect(sim.installs.filter((p) => p.security)).toHaveLength(82);
    expect(sim.installs.find((p) => p.name === 'libgcrypt20')).toEqual({
      name: 'libgcrypt20',
      from: '1.10.1-3',
      to: '1.10.1-3+deb12u1',
      origins: ['Debian:12.15/oldstable', 'Debian-Security:12/oldstable-security'],
      arch: 'amd64',
      security: true,
    });
    // The trailing " []" of a package whose dependencies change is not part of the version.
    expect(sim.installs.find((p) => p.name === 'liblzma-dev')).toMatchObject({
      from: '5.4.1-1',
      security: true,
    });
    expect(sim.installs.find((p) => p.name === 'base-files')).toMatchObject({ security: false });
    expect(sim.removals).toEqual([]);
    expect(sim.keptBack).toEqual([]);
  });

  it('reads removals, new packages and held packages kept back (lab repository)', () => {
    const sim = parseSimulation(fixture('lab-apt-get-s-full-upgrade.txt'));
    expect(sim.unparsed).toEqual([]);
    expect(sim.removals).toEqual([{ name: 'ronde-lab-old', version: '1' }]);
    expect(sim.keptBack).toEqual(['ronde-lab-held']);
    expect(sim.installs.map((p) => [p.name, p.from, p.to, p.security])).toEqual([
      ['ronde-lab-new', null, '1', false],
      ['ronde-lab-app', '1', '2', false],
      ['ronde-lab-conf', '1', '2', false],
      ['ronde-lab-kernel', '1', '2', false],
      ['ronde-lab-sec', '1', '2', true],
    ]);
    expect(sim.counts).toEqual({ upgraded: 4, newlyInstalled: 1, remove: 1, notUpgraded: 1 });
  });

  it('keeps lines it does not know apart instead of guessing', () => {
    const sim = parseSimulation('Inst weird line without version\nE: Could not get lock\n');
    expect(sim.installs).toEqual([]);
    expect(sim.unparsed).toEqual(['Inst weird line without version', 'E: Could not get lock']);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const sim = parseSimulation(s);
        expect(Array.isArray(sim.unparsed)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Inst ', 'Remv ', 'Conf ', '[', ']', '(', ')', ' ', 'x', '\n', '1')),
        (a) => {
          parseSimulation(a.join(''));
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('parseHolds reads apt-mark showhold', () => {
    expect(parseHolds(fixture('lab-showhold.txt'))).toEqual(['ronde-lab-held']);
    expect(parseHolds('')).toEqual([]);
  });
  it('isKernel knows kernel image packages', () => {
    expect(isKernel('linux-image-6.1.0-28-amd64')).toBe(true);
    expect(isKernel('linux-libc-dev')).toBe(false);
    expect(isKernel('proxmox-kernel-6.8')).toBe(true);
  });
  it('bareName drops the arch qualifier', () => {
    expect(bareName('libjq1:amd64')).toBe('libjq1');
    expect(bareName('jq')).toBe('jq');
  });
});
