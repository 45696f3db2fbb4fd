import { z } from 'zod';
import type { ContainerInspect } from '../../clients/docker/client.js';
import { type CheckOutcome, defineCheck } from '../../core/check.js';
import { unknown } from '../../core/outcome.js';
import { dockerApprovals } from './util-approvals.js';
import { socketProbe, withEngine } from './util-connect.js';
import { dockerConnection } from './util-options.js';
import { groupServices, judgeServices, serviceOf } from './util-services.js';

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
): Promise<{ expected: string[]; source: string } | CheckOutcome> {
  if (o.expected.length > 0) return { expected: [...new Set(o.expected)].sort(), source: 'declared' };
  const reader = dockerApprovals();
  if (!reader)
    return unknown(
      'no expected services declared, and no store to read approvals from (run without --no-save, or declare options.expected)',
    );
  const a = await reader.approval(host);
  if (!a)
    return unknown(
      `no expected services declared and none approved yet: run \`ronde docker approve ${host}\` once everything that should run is running, or declare options.expected`,
    );
  return { expected: a.services, source: `approved by ${a.by} on ${a.at.toISOString().slice(0, 10)}` };
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
      const want = await expectation(o, ctx.target.name);
      if (!('expected' in want)) return want;
      const containers = await api.containers();
      // The list has no health and no restart count: inspect the containers of Compose services.
      const inspected = new Map<string, ContainerInspect>();
      for (const c of containers) if (serviceOf(c.Labels)) inspected.set(c.Id, await api.inspect(c.Id));
      return judgeServices(groupServices(containers, inspected, ctx.now), want.expected, want.source);
    });
  },
});
