import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
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

function gitProblem(r: CommandResult | undefined, what: string): string | undefined {
  if (!r) return `${what} did not run`;
  if (r.timedOut) return `${what} timed out`;
  if (r.error) return `${what} did not complete: ${r.error}`;
  if (r.exitCode === EXIT_NOT_FOUND) return 'git is not installed on the target (apt-get install git)';
  if (r.exitCode !== 0) {
    const line = r.stderr.trim().split('\n').at(-1) ?? '';
    return `${what} failed (exit ${r.exitCode})${line ? `: ${line}` : ''}`;
  }
  if (r.truncated) return `${what}: output truncated`;
  return undefined;
}

export function evaluateRotation(
  outputs: readonly CommandResult[],
  o: CredentialsRotationOptions,
  now: Date,
): CheckOutcome {
  const [ls, log] = outputs;
  const problem = gitProblem(ls, 'git ls-files') ?? gitProblem(log, 'git log');
  if (problem) return unknown(`${o.store}: ${problem}`);
  const { lastChange, malformed } = parseLog(log!.stdout);
  if (malformed > 0) return unknown(`${o.store}: git log output not understood (${malformed} lines)`);
  return judgeRotation(parseLsFiles(ls!.stdout), lastChange, o.entries, o.max_age, now);
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
  evaluate: (ctx) => evaluateRotation(ctx.outputs, ctx.options, ctx.now),
});
