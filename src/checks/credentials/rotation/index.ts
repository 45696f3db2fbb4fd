import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { t } from '../../../i18n/index.js';
import type { Lang } from '../../../i18n/lang.js';
import { judgeRotation } from './judge.js';
import { parseLog, parseLsFiles } from './parse.js';

const Options = z
  .object({
    store: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .describe(
        'The password store on the target (a git repository: `pass git init`), e.g. `/home/alice/.password-store`.',
      ),
    entries: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'Globs of the critical entries, as pass names them (`root/*`, `services/**/admin`): `*` within a folder, `**` across.',
      ),
    max_age: durationSchema
      .prefault('183d')
      .describe('An entry not changed for longer is overdue (default: six months).'),
  })
  .strict();
export type CredentialsRotationOptions = z.output<typeof Options>;

function gitProblem(r: CommandResult | undefined, what: string, lang: Lang): string | undefined {
  if (!r) return t(lang, 'check.noResult', { what });
  if (r.timedOut) return t(lang, 'check.failedWith', { what, why: t(lang, 'check.why.timedOut') });
  if (r.error) return t(lang, 'check.failed', { what, why: r.error });
  if (r.exitCode === EXIT_NOT_FOUND) return t(lang, 'credentials.rotation.gitMissing');
  if (r.exitCode !== 0) {
    const line = r.stderr.trim().split('\n').at(-1) ?? '';
    const why = t(lang, 'check.why.exit', { code: r.exitCode });
    return t(lang, 'check.failed', { what, why: line ? `${why}, ${line}` : why });
  }
  if (r.truncated) return t(lang, 'check.failedWith', { what, why: t(lang, 'check.why.truncated') });
  return undefined;
}

export function evaluateRotation(
  outputs: readonly CommandResult[],
  o: CredentialsRotationOptions,
  now: Date,
  lang: Lang,
): CheckOutcome {
  const [ls, log] = outputs;
  const problem = gitProblem(ls, 'git ls-files', lang) ?? gitProblem(log, 'git log', lang);
  if (problem) return unknown(`${o.store}: ${problem}`);
  const { lastChange, malformed } = parseLog(log!.stdout);
  if (malformed > 0)
    return unknown(t(lang, 'credentials.rotation.unparsed', { store: o.store, n: malformed }));
  return judgeRotation(parseLsFiles(ls!.stdout), lastChange, o.entries, o.max_age, now, lang);
}

export const credentialsRotation = defineCheck({
  id: 'credentials.rotation',
  title: 'Critical credentials changed every semester',
  options: Options,
  zeroConfig: false,
  required: ['store', 'entries'],
  timeoutSec: 60,
  // Only git's metadata: which `.gpg` files exist and when each last changed. Nothing is decrypted.
  commands: (o) => [
    { argv: ['git', '-C', o.store, '-c', 'core.quotePath=false', 'ls-files', '--', '*.gpg'] },
    {
      argv: [
        'git',
        '-C',
        o.store,
        '-c',
        'core.quotePath=false',
        'log',
        '--no-renames',
        '--format=@%ct',
        '--name-only',
        '--',
        '*.gpg',
      ],
      maxOutputBytes: 16 * 1024 * 1024,
    },
  ],
  evaluate: (ctx) => evaluateRotation(ctx.outputs, ctx.options, ctx.now, ctx.lang),
});
