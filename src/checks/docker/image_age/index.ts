import { z } from 'zod';
import { socketProbe, withEngine } from '../../../clients/docker/engine.js';
import { dockerConnection } from '../../../clients/docker/settings.js';
import { durationSchema } from '../../../config/duration.js';
import { defineCheck } from '../../../core/check.js';
import { notAbove } from '../../../core/sentence.js';
import { judgeImageAge, runningImages } from './judge.js';

const Options = z
  .object({
    docker: dockerConnection,
    max_age: durationSchema
      .prefault('60d')
      .describe('WARN when a running image was built longer ago than this.'),
    crit_age: durationSchema.optional().describe('CRIT beyond this age (default: never CRIT).'),
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe('Images never judged, by repository (`postgres`, `registry.example.org/tools`).'),
  })
  .strict()
  .refine((o) => o.crit_age === undefined || o.max_age <= o.crit_age, notAbove('max_age', 'crit_age'));

export const dockerImageAge = defineCheck({
  id: 'docker.image_age',
  title: 'Age of the images running containers use',
  options: Options,
  zeroConfig: true,
  timeoutSec: 60,
  commands: (o) => socketProbe(o.docker),
  async evaluate(ctx) {
    const o = ctx.options;
    return withEngine(ctx, o.docker, async (api) => {
      const [containers, images] = [await api.containers(), await api.images()];
      return judgeImageAge(
        runningImages(containers, images, o.ignore),
        ctx.now,
        o.max_age,
        o.crit_age,
        ctx.lang,
      );
    });
  },
});
