import { z } from 'zod';
import { socketProbe, withEngine } from '../../../clients/docker/engine.js';
import { dockerConnection } from '../../../clients/docker/settings.js';
import { sizeSchema } from '../../../config/size.js';
import { defineCheck } from '../../../core/check.js';
import { notAbove } from '../../../core/sentence.js';
import { t } from '../../../i18n/index.js';
import { DF_FIELDS, parseDf } from '../../_shared/df.js';
import { judgeDockerDisk, summarizeDf } from './judge.js';

const pct = z.number().min(0).max(100);
const Options = z
  .object({
    docker: dockerConnection,
    warn_size: sizeSchema
      .optional()
      .describe('WARN when Docker uses this much (images, containers, volumes, build cache): `20G`.'),
    crit_size: sizeSchema.optional().describe('CRIT at this size.'),
    warn_share: pct
      .default(50)
      .describe('WARN when Docker uses this percent of the filesystem holding its root (DockerRootDir).'),
    crit_share: pct.default(75).describe('CRIT at this percent.'),
  })
  .strict()
  .refine((o) => o.warn_share <= o.crit_share, notAbove('warn_share', 'crit_share'))
  .refine(
    (o) => o.warn_size === undefined || o.crit_size === undefined || o.warn_size <= o.crit_size,
    notAbove('warn_size', 'crit_size'),
  );

export const dockerDisk = defineCheck({
  id: 'docker.disk',
  title: 'Space used by Docker, and how much is reclaimable',
  options: Options,
  zeroConfig: true,
  timeoutSec: 120,
  // Only the socket probe: the filesystem to measure is only known from the engine's /info.
  commands: (o) => socketProbe(o.docker),
  async evaluate(ctx) {
    const o = ctx.options;
    return withEngine(ctx, o.docker, async (api) => {
      const root = (await api.info()).DockerRootDir;
      const usage = summarizeDf(await api.df());
      const [out] = await ctx.run([{ argv: ['df', `--output=${DF_FIELDS}`, '-B1', root], timeoutSec: 30 }]);
      const row = out && out.exitCode === 0 ? parseDf(out.stdout).rows[0] : undefined;
      const verdict = judgeDockerDisk(
        usage,
        row,
        {
          warnSize: o.warn_size,
          critSize: o.crit_size,
          warnShare: o.warn_share,
          critShare: o.crit_share,
        },
        ctx.lang,
      );
      if (row) return verdict;
      // Sizes alone still judged; the share could not be, and that must show.
      const why = t(ctx.lang, 'docker.disk.noFs', {
        root,
        why: out?.error ?? out?.stderr.trim() ?? t(ctx.lang, 'docker.disk.dfFailed'),
      });
      return verdict.status === 'OK'
        ? { ...verdict, status: 'UNKNOWN', reasons: [why] }
        : { ...verdict, reasons: [...(verdict.reasons ?? []), why] };
    });
  },
});
