import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubRateLimit } from './github.js';
import { gitlabRateLimit } from './gitlab.js';
import { nextLink, retryAfter } from './http.js';
import { dockerHubRateLimit, parseChallenge, parseImage } from './oci.js';

const now = new Date('2026-11-25T12:00:00Z');
const res = (h: Record<string, string>) => new Response(null, { headers: h });

describe('header parsing', () => {
  it('reads the WWW-Authenticate challenge of Docker Hub', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/redis:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/redis:pull',
      },
    });
  });

  it('finds rel="next" among several links, relative ones resolved', () => {
    const link =
      '<https://api.github.com/x?page=3>; rel="last", <https://api.github.com/x?page=2>; rel="next"';
    expect(nextLink(link, 'https://api.github.com/x')).toBe('https://api.github.com/x?page=2');
    expect(
      nextLink('</v2/a/tags/list?last=b&n=2>; rel="next"', 'http://127.0.0.1:5000/v2/a/tags/list?n=2'),
    ).toBe('http://127.0.0.1:5000/v2/a/tags/list?last=b&n=2');
    expect(nextLink('<https://x/y?page=1>; rel="first"', 'https://x/y')).toBeUndefined();
    expect(nextLink('<http://[>; rel="next"', 'https://x/y')).toBeUndefined();
  });

  it('reads the rate-limit headers of each service', () => {
    expect(dockerHubRateLimit(res({ 'ratelimit-remaining': '0;w=21600' }), now)).toEqual(
      new Date(now.getTime() + 21_600_000),
    );
    expect(dockerHubRateLimit(res({ 'ratelimit-remaining': '76;w=21600' }), now)).toBeUndefined();
    expect(githubRateLimit(res({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' }))).toEqual(
      new Date(1_795_000_000_000),
    );
    expect(gitlabRateLimit(res({ 'ratelimit-remaining': '0', 'ratelimit-reset': '1795000000' }))).toEqual(
      new Date(1_795_000_000_000),
    );
    expect(retryAfter(res({ 'retry-after': '120' }), now)).toEqual(new Date(now.getTime() + 120_000));
    expect(retryAfter(res({ 'retry-after': 'Wed, 25 Nov 2026 13:00:00 GMT' }), now)).toEqual(
      new Date('2026-11-25T13:00:00Z'),
    );
  });

  it('never throws on malformed headers or image names', () => {
    const header = fc.string().filter((s) => !/[\r\n\0]/.test(s));
    fc.assert(
      fc.property(header, (h) => {
        parseChallenge(h);
        nextLink(h, 'https://x/');
        parseImage(h);
        try {
          const r = res({
            'ratelimit-remaining': h,
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': h,
            'retry-after': h,
          });
          dockerHubRateLimit(r, now);
          githubRateLimit(r);
          retryAfter(r, now);
        } catch (err) {
          // Only the Headers constructor may refuse a value; our parsers must not throw.
          expect((err as Error).name).toBe('TypeError');
        }
      }),
    );
  });
});

describe('image references', () => {
  it('cuts repository, tag and digest as written, a port not taken for a tag', () => {
    expect(parseImage('reg.example.org:5000/g/app:1.2@sha256:abc')).toEqual({
      registry: 'https://reg.example.org:5000',
      name: 'g/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImage('redis')).toEqual({ registry: 'https://registry-1.docker.io', name: 'library/redis' });
  });

  it('asks loopback and listed insecure registries over http://, any other over HTTPS (Docker’s rule)', () => {
    expect(parseImage('127.0.0.1:5000/team/app:1').registry).toBe('http://127.0.0.1:5000');
    expect(parseImage('127.9.8.7/team/app').registry).toBe('http://127.9.8.7');
    expect(parseImage('localhost:5000/app').registry).toBe('http://localhost:5000');
    expect(parseImage('[::1]:5000/app').registry).toBe('http://[::1]:5000');
    expect(parseImage('reg.lan:5000/app').registry).toBe('https://reg.lan:5000');
    expect(parseImage('reg.lan:5000/app', ['reg.lan:5000']).registry).toBe('http://reg.lan:5000');
    expect(parseImage('reg.lan:5000/app', ['reg.lan']).registry).toBe('http://reg.lan:5000');
    expect(parseImage('reg.lan:5000/app', ['other.lan']).registry).toBe('https://reg.lan:5000');
    expect(parseImage('128.0.0.1/app').registry).toBe('https://128.0.0.1');
  });
});
