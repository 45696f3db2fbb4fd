import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFindErrors } from '../../_shared/age.js';
import { evaluateFreshnessUrl, freshnessUrl } from './index.js';
import { httpDate, jsonField, parseHttp, toEpoch } from './parse.js';

describe('parseHttp', () => {
  it('keeps the last response of a redirect chain', () => {
    const out =
      'HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\nHTTP/1.1 200 OK\r\nLast-Modified: Tue, 24 Nov 2026 10:00:00 GMT\r\n\r\n{"a":1}';
    const r = parseHttp(out)!;
    expect(r.status).toBe(200);
    expect(httpDate(r.headers.get('last-modified'))).toBe(Date.UTC(2026, 10, 24, 10) / 1000);
    expect(r.body).toBe('{"a":1}');
  });
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseHttp(`HTTP/1.1 200 OK\r\n${s}`)));
    fc.assert(fc.property(fc.string(), (s) => void parseHttp(s)));
  });
});

describe('dates', () => {
  it('reads ISO, epoch seconds and milliseconds, and refuses the rest', () => {
    expect(toEpoch('2026-11-24T10:00:00Z')).toBe(Date.UTC(2026, 10, 24, 10) / 1000);
    expect(toEpoch(1_795_000_000)).toBe(1_795_000_000);
    expect(toEpoch('1795000000000')).toBe(1_795_000_000);
    expect([toEpoch('yesterday'), toEpoch(true), toEpoch(-1), toEpoch(null)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(jsonField({ data: { items: [{ t: 5 }] } }, 'data.items.0.t')).toBe(5);
    expect(jsonField({ a: 'x' }, 'a.length')).toBeUndefined();
  });
  it('reads find errors, escaped quotes included', () => {
    expect(parseFindErrors("find: '/a\\'b': No such file or directory\n")).toEqual([
      { path: "/a'b", kind: 'missing', message: "find: '/a\\'b': No such file or directory" },
    ]);
  });
});

describe('evaluateFreshnessUrl', () => {
  it('never throws and never says OK on garbage', () => {
    const o = freshnessUrl.options.parse({ url: 'http://127.0.0.1/x', json_field: 'a.b' });
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer({ min: 0, max: 255 })), (s, code) => {
        const base = { argv: ['curl'], stderr: '', timedOut: false, durationMs: 1 };
        const r = evaluateFreshnessUrl(
          [
            { ...base, stdout: s, exitCode: code },
            { ...base, stdout: '1800000000', exitCode: 0 },
          ],
          o,
          'en',
        );
        expect(r.status).not.toBe('OK');
      }),
    );
  });
});
