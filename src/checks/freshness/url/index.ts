import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { notAbove } from '../../../core/sentence.js';
import { type Lang, t } from '../../../i18n/index.js';
import { judgeAge, parseEpoch } from '../../_shared/age.js';
import { httpDate, jsonField, parseHttp, toEpoch } from './parse.js';

const Options = z
  .object({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL')
      .describe('`http://` or `https://` URL of the artefact.'),
    json_field: z
      .string()
      .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'a dotted path such as data.updated_at')
      .optional()
      .describe(
        'Dotted path of a date in a JSON body (`data.updated_at`); absent: the `Last-Modified` header.',
      ),
    max_age: durationSchema.prefault('1d').describe('Older than this: CRIT.'),
    warn_age: durationSchema.optional().describe('Older than this: WARN.'),
    future_tolerance: durationSchema
      .prefault('5m')
      .describe('Dated further ahead than this: WARN (bogus date or clock skew).'),
    timeout: durationSchema.prefault('15s').describe('Time limit of the request (curl `--max-time`).'),
    ca_file: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .optional()
      .describe('CA bundle on the target, for a private CA (TLS is always verified).'),
  })
  .strict()
  .refine((o) => o.warn_age === undefined || o.warn_age <= o.max_age, notAbove('warn_age', 'max_age'));
export type FreshnessUrlOptions = z.output<typeof Options>;

const MAX_BODY = 4 << 20;
/** curl exit codes of TLS failures: the certificate is the problem, not the network. */
const TLS_EXITS = new Set([35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91]);

export function curlArgv(o: FreshnessUrlOptions): string[] {
  // biome-ignore format: one option and its value per pair
  return [
    'curl', '-sS', o.json_field ? '-i' : '-I', '-L', '--max-redirs', '5', '--proto', '=http,https',
    '--fail', '--max-time', String(Math.max(1, Math.ceil(o.timeout))), '--max-filesize', String(MAX_BODY),
    ...(o.ca_file ? ['--cacert', o.ca_file] : []), o.url,
  ];
}

const crit = (why: string): CheckOutcome => ({ status: 'CRIT', summary: why, reasons: [why] });

export function evaluateFreshnessUrl(
  outputs: readonly CommandResult[],
  o: FreshnessUrlOptions,
  lang: Lang,
): CheckOutcome {
  const [curl, date] = outputs;
  if (!curl || !date) return unknown(t(lang, 'freshness.url.noRun'));
  const err = curl.stderr.trim().split('\n')[0] ?? '';
  if (curl.exitCode === EXIT_NOT_FOUND) return unknown(t(lang, 'freshness.url.notFound'));
  if (curl.exitCode === 22) return crit(`${o.url}: ${err || t(lang, 'freshness.url.httpError')}`);
  if (curl.exitCode !== null && TLS_EXITS.has(curl.exitCode)) return crit(`${o.url}: TLS: ${err}`);
  if (curl.exitCode !== 0)
    return unknown(`${o.url}: ${err || t(lang, 'freshness.url.exited', { code: curl.exitCode })}`);
  const res = parseHttp(curl.stdout);
  if (!res) return unknown(`${o.url}: ${t(lang, 'freshness.url.notHttp')}`);
  // The server's own Date header, when present, avoids any skew between it and the target.
  const serverNow = httpDate(res.headers.get('date'));
  const now = serverNow ?? parseEpoch(date.stdout);
  if (now === null) return unknown(t(lang, 'freshness.noClock', { error: date.stdout.trim() }));
  const details = {
    url: o.url,
    status: res.status,
    clock: serverNow === null ? 'host' : 'server Date header',
  };
  if (!o.json_field) {
    const lm = res.headers.get('last-modified');
    const at = httpDate(lm);
    if (at === null)
      return unknown(
        `${o.url}: ${lm ? t(lang, 'freshness.url.badLastModified', { value: lm }) : t(lang, 'freshness.url.noLastModified')}`,
      );
    return judgeAge(o.url, at, now, o, details, lang);
  }
  if (curl.truncated) return unknown(`${o.url}: ${t(lang, 'freshness.url.tooLarge', { max: MAX_BODY })}`);
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return unknown(`${o.url}: ${t(lang, 'freshness.url.notJson')}`);
  }
  const value = jsonField(json, o.json_field);
  if (value === undefined)
    return unknown(`${o.url}: ${t(lang, 'freshness.url.noField', { field: o.json_field })}`);
  const at = toEpoch(value);
  if (at === null)
    return unknown(
      `${o.url}: ${t(lang, 'freshness.url.notDate', { field: o.json_field, value: JSON.stringify(value)?.slice(0, 80) ?? '' })}`,
    );
  return judgeAge(`${o.url} ${o.json_field}`, at, now, o, details, lang);
}

export const freshnessUrl = defineCheck({
  id: 'freshness.url',
  title: 'Freshness of a URL (Last-Modified or a JSON date)',
  options: Options,
  zeroConfig: false,
  required: ['url'],
  timeoutSec: 30,
  commands: (o) =>
    o.url
      ? [
          { argv: curlArgv(o), timeoutSec: Math.ceil(o.timeout) + 5, maxOutputBytes: MAX_BODY + 65536 },
          { argv: ['date', '+%s'], timeoutSec: 10 },
        ]
      : [],
  evaluate: (ctx) => evaluateFreshnessUrl(ctx.outputs, ctx.options, ctx.lang),
});
