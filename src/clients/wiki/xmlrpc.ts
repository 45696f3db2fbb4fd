/*
 * The XML-RPC subset DokuWiki speaks (xmlrpc.com/spec): a call encoder and
 * a response decoder, pure, no XML library. Values: string (or untyped),
 * int/i4/i8, double, boolean, dateTime.iso8601 (kept as its text), base64
 * (kept as its text), nil, struct, array. Anything else is a protocol error.
 */

import { attachSaid, englishOf, type Said, said } from '../../core/said.js';

export type RpcValue = string | number | boolean | null | RpcValue[] | { [name: string]: RpcValue };

/** A malformed answer (a Said), or the server's own fault string (raw, as it came). */
export class XmlRpcError extends Error {
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    /** The server's fault code, when it answered with a `<fault>`. */
    readonly faultCode?: number,
  ) {
    super(englishOf(message));
    this.name = 'XmlRpcError';
    attachSaid(this, message);
  }
}

const escapeXml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function encodeValue(v: RpcValue): string {
  if (v === null) return '<nil/>';
  if (typeof v === 'string') return `<string>${escapeXml(v)}</string>`;
  if (typeof v === 'boolean') return `<boolean>${v ? 1 : 0}</boolean>`;
  if (typeof v === 'number') return Number.isInteger(v) ? `<int>${v}</int>` : `<double>${v}</double>`;
  if (Array.isArray(v))
    return `<array><data>${v.map((x) => `<value>${encodeValue(x)}</value>`).join('')}</data></array>`;
  return `<struct>${Object.entries(v)
    .map(([k, x]) => `<member><name>${escapeXml(k)}</name><value>${encodeValue(x)}</value></member>`)
    .join('')}</struct>`;
}

export function encodeCall(method: string, params: readonly RpcValue[]): string {
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${params
    .map((p) => `<param><value>${encodeValue(p)}</value></param>`)
    .join('')}</params></methodCall>`;
}

interface Node {
  name: string;
  children: Node[];
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** A small element tree: tags, text (entities decoded, CDATA kept); prolog, comments and attributes ignored. */
function parseTree(xml: string): Node {
  const root: Node = { name: '#root', children: [], text: '' };
  const stack: Node[] = [root];
  const re =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)/g;
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m.index !== last) throw new XmlRpcError(said('client.xmlrpc.stray'));
    last = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[5] !== undefined) top.text += decodeEntities(m[5]);
    else if (m[3] !== undefined) {
      if (m[2] === '/') {
        if (top.name !== m[3] || stack.length === 1)
          throw new XmlRpcError(said('client.xmlrpc.unexpectedClose', { tag: m[3] ?? '' }));
        stack.pop();
      } else {
        const node: Node = { name: m[3], children: [], text: '' };
        top.children.push(node);
        if (m[4] !== '/') stack.push(node);
      }
    }
  }
  if (last !== xml.length || stack.length !== 1) throw new XmlRpcError(said('client.xmlrpc.truncated'));
  return root;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);

function decodeValue(value: Node): RpcValue {
  const typed = value.children[0];
  if (!typed) return value.text; // no type element: a string
  const text = typed.text.trim();
  switch (typed.name) {
    case 'string':
      return typed.text;
    case 'int':
    case 'i4':
    case 'i8': {
      if (!/^[+-]?\d+$/.test(text)) throw new XmlRpcError(`bad <${typed.name}> ${text.slice(0, 20)}`);
      return Number(text);
    }
    case 'double': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n))
        throw new XmlRpcError(said('client.xmlrpc.badValue', { type: 'double', text: text.slice(0, 20) }));
      return n;
    }
    case 'boolean':
      if (text !== '0' && text !== '1')
        throw new XmlRpcError(said('client.xmlrpc.badValue', { type: 'boolean', text: text.slice(0, 20) }));
      return text === '1';
    case 'dateTime.iso8601':
    case 'base64':
      return text;
    case 'nil':
      return null;
    case 'array': {
      const data = child(typed, 'data');
      return (data?.children ?? []).filter((c) => c.name === 'value').map(decodeValue);
    }
    case 'struct': {
      const out: Record<string, RpcValue> = {};
      for (const m of typed.children.filter((c) => c.name === 'member')) {
        const name = child(m, 'name');
        const v = child(m, 'value');
        if (!name || !v) throw new XmlRpcError(said('client.xmlrpc.memberless'));
        out[name.text] = decodeValue(v);
      }
      return out;
    }
    default:
      throw new XmlRpcError(said('client.xmlrpc.unknownType', { type: typed.name }));
  }
}

/** The value of a `<methodResponse>`; a `<fault>` is thrown as XmlRpcError with its code and string. */
export function decodeResponse(xml: string): RpcValue {
  const response = child(parseTree(xml), 'methodResponse');
  if (!response) throw new XmlRpcError(said('client.xmlrpc.noResponse'));
  const fault = child(response, 'fault');
  if (fault) {
    const v = child(fault, 'value');
    const f = v ? decodeValue(v) : null;
    const s = f && typeof f === 'object' && !Array.isArray(f) ? f : {};
    const code = typeof s.faultCode === 'number' ? s.faultCode : undefined;
    throw new XmlRpcError(
      s.faultString === undefined ? said('client.xmlrpc.faultless') : String(s.faultString),
      code,
    );
  }
  const value = response.children
    .find((c) => c.name === 'params')
    ?.children.find((c) => c.name === 'param')
    ?.children.find((c) => c.name === 'value');
  if (!value) throw new XmlRpcError(said('client.xmlrpc.noValue'));
  return decodeValue(value);
}
