import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeCall, XmlRpcError } from './xmlrpc.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../test/fixtures/docs/coverage', name), 'utf8');

describe('XML-RPC, on DokuWiki 2022-07-31 answers', () => {
  it('decodes dokuwiki.getPagelist: ids and mtimes', () => {
    expect(decodeResponse(fixture('dokuwiki-getpagelist.xml'))).toEqual([
      { id: 'hosts:web1', rev: 1735787045, mtime: 1735787045, size: 19 },
      { id: 'services:mattermost', rev: 1738555506, mtime: 1738555506, size: 33 },
      { id: 'start', rev: 1733011200, mtime: 1733011200, size: 7 },
    ]);
  });

  it('an empty listing is an empty array; a swallowed failure an empty struct', () => {
    expect(decodeResponse(fixture('dokuwiki-getpagelist-empty-ns.xml'))).toEqual([]);
    expect(decodeResponse(fixture('dokuwiki-fault-unknown-method.xml'))).toEqual({});
  });

  it('keeps dateTime.iso8601 as text', () => {
    expect(decodeResponse(fixture('dokuwiki-getpageinfo.xml'))).toMatchObject({
      name: 'services:mattermost',
      lastModified: '2025-02-03T04:05:06+00:00',
    });
  });

  it('throws a <fault> with its code and string', () => {
    const xml =
      '<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32605</int></value></member><member><name>faultString</name><value><string>XML-RPC server not enabled.</string></value></member></struct></value></fault></methodResponse>';
    expect(() => decodeResponse(xml)).toThrow(expect.objectContaining({ faultCode: -32605 }));
  });

  it('encodes a call that round-trips through the decoder', () => {
    const call = encodeCall('dokuwiki.getPagelist', ['a<&>b', { depth: 0, hash: false }]);
    expect(call).toContain('<string>a&lt;&amp;&gt;b</string>');
    const asAnswer = call
      .replace('<methodCall><methodName>dokuwiki.getPagelist</methodName>', '<methodResponse>')
      .replace('</methodCall>', '</methodResponse>');
    expect(decodeResponse(asAnswer)).toBe('a<&>b');
  });

  it('never throws anything but XmlRpcError on malformed input', () => {
    const good = fixture('dokuwiki-getpagelist.xml');
    fc.assert(
      fc.property(fc.nat(good.length), fc.nat(good.length), fc.string(), (a, b, junk) => {
        const bad = good.slice(0, Math.min(a, b)) + junk + good.slice(Math.max(a, b));
        try {
          decodeResponse(bad);
        } catch (err) {
          expect(err).toBeInstanceOf(XmlRpcError);
        }
      }),
    );
  });
});
