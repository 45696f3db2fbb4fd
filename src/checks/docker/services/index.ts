import { z } from 'zod';
import { composeServices } from '../../../clients/docker/compose.js';
import { socketProbe, withEngine } from '../../../clients/docker/engine.js';
import { dockerConnection } from '../../../clients/docker/settings.js';
import type { ApprovalReader } from '../../../core/approvals.js';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { type Lang, t } from '../../../i18n/index.js';
import { judgeServices } from './judge.js';

const Options = z
  .object({
    docker: dockerConnection,
    expected: z
      .array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'PROJECT/SERVICE'))
      .default([])
      .describe(
        'Compose services that must run, `PROJECT/SERVICE`; empty: those running at the last `ronde docker approve`.',
      ),
  })
  .strict();
export type DockerServicesOptions = z.output<typeof Options>;

/** What must run: declared in the options, else the host's last approval in the store. */
async function expectation(
  o: DockerServicesOptions,
  host: string,
  reader: ApprovalReader | undefined,
  lang: Lang,
): Promise<{ expected: string[]; source: string } | CheckOutcome> {
  if (o.expected.length > 0)
    return { expected: [...new Set(o.expected)].sort(), source: t(lang, 'docker.services.declared') };
  if (!reader) return unknown(t(lang, 'docker.services.noStore'));
  const a = await reader.approval(host);
  if (!a) return unknown(t(lang, 'docker.services.noApproval', { host }));
  return {
    expected: a.services,
    source: t(lang, 'docker.services.approved', { by: a.by, date: a.at.toISOString().slice(0, 10) }),
  };
}

export const dockerServices = defineCheck({
  id: 'docker.services',
  title: 'Docker Compose services that should run are running',
  options: Options,
  zeroConfig: false,
  timeoutSec: 60,
  // Talks to the Docker API (socket, TLS, or the socket forwarded over SSH): only the socket probe.
  commands: (o) => socketProbe(o.docker),
  async evaluate(ctx) {
    const o = ctx.options;
    return withEngine(ctx, o.docker, async (api) => {
      const want = await expectation(o, ctx.target.name, ctx.approvals, ctx.lang);
      if (!('expected' in want)) return want;
      return judgeServices(await composeServices(api, ctx.now), want.expected, want.source, ctx.lang);
    });
  },
});
