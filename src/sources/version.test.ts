import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Release } from './types.js';
import { applyPolicy, compareVersions, lagOf, parseVersion, sameVariantExtract } from './version.js';

const v = (s: string) => parseVersion(s)!;
const rel = (tag: string, prerelease = false): Release => ({ version: tag, tag, prerelease });

describe('versions', () => {
  it('orders releases, short forms and pre-releases', () => {
    const sorted = ['1.10.0', '1.2', 'v1.2.1', '1.2.1-rc.2', '1.2.1-rc.10', '2.0.0-alpha', '0.9'].sort(
      (a, b) => compareVersions(v(a), v(b)),
    );
    expect(sorted).toEqual(['0.9', '1.2', '1.2.1-rc.2', '1.2.1-rc.10', 'v1.2.1', '1.10.0', '2.0.0-alpha']);
  });

  it('names the lag', () => {
    expect(lagOf(v('1.2.3'), v('2.0.0'))).toBe('major');
    expect(lagOf(v('1.2.3'), v('1.3.0'))).toBe('minor');
    expect(lagOf(v('1.2.3'), v('1.2.4'))).toBe('patch');
    expect(lagOf(v('1.2.3'), v('1.2.3'))).toBeUndefined();
    expect(lagOf(v('1.3.0'), v('1.2.9'))).toBeUndefined();
  });

  it('never throws on any tag', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseVersion(s);
        applyPolicy([rel(s)], { extract: sameVariantExtract(s) ?? '^(.*)$' });
      }),
    );
  });
});

describe('applyPolicy', () => {
  const tags = ['8.1.2-debian', '8.1.3-debian', '8.2.0-alpine', '8.2.0', 'latest', '9.0.0-rc1', 'v8.1.4'];
  it('default: versions only, pre-releases ignored, newest first, one per version', () => {
    expect(applyPolicy(tags.map((t) => rel(t))).map((r) => r.tag)).toEqual(['8.2.0', 'v8.1.4']);
  });
  it('extract picks a variant; ignore drops versions by glob', () => {
    const p = { extract: '^(?<version>\\d+\\.\\d+\\.\\d+)-debian$', ignore: ['8.1.3'] };
    expect(
      applyPolicy(
        tags.map((t) => rel(t)),
        p,
      ).map((r) => r.version),
    ).toEqual(['8.1.2']);
    expect(
      applyPolicy(
        tags.map((t) => rel(t)),
        { ignore: ['8.*'] },
      ),
    ).toEqual([]);
  });
  it('an upstream pre-release flag counts even on a plain version', () => {
    expect(applyPolicy([rel('2.0.0', true), rel('1.0.0')])[0]?.version).toBe('1.0.0');
    expect(applyPolicy([rel('2.0.0', true), rel('1.0.0')], { prerelease: true })[0]?.version).toBe('2.0.0');
  });
  it('sameVariantExtract keeps the shape: 1.25-alpine is compared with N.N-alpine only', () => {
    const p = { extract: sameVariantExtract('1.25-alpine')! };
    const offered = applyPolicy(
      ['1.27-alpine', '1.27.2-alpine', '1.27', '1.26-bookworm'].map((t) => rel(t)),
      p,
    );
    expect(offered.map((r) => r.tag)).toEqual(['1.27-alpine']);
  });
});
