import type { CheckKind, CheckOutcome } from '../../core/check.js';
import { defineCheck } from '../../core/check.js';
import type { CommandResult } from '../../core/command.js';
import type { TargetInfo } from '../../core/target.js';
import { rememberRateLimit } from '../../sources/lookup.js';
import { parseImage } from '../../sources/oci.js';
import { compare } from './util-compare.js';
import { absentSocket, dockerFor, engineFailure, socketProbe } from './util-connect.js';
import { type DockerUpdatesOptions, Options } from './util-options-updates.js';
import { type RunningImage, type RunningProvider, runningFromEngine } from './util-running.js';
import { type ImageFacts, judgeUpdates } from './util-updates.js';

export type { DockerUpdatesOptions } from './util-options-updates.js';

export type ProviderFactory = (
  o: DockerUpdatesOptions,
  target: TargetInfo,
  signal: AbortSignal,
) => RunningProvider;

export const defaultProvider: ProviderFactory = (o, target, signal) =>
  o.running
    ? async () => o.running!.map((r) => ({ ...r }) as RunningImage)
    : () => runningFromEngine(dockerFor(o.docker, target, signal));

export async function evaluateUpdates(
  o: DockerUpdatesOptions,
  now: Date,
  signal: AbortSignal,
  provider: RunningProvider,
  previous?: Record<string, unknown>,
  /** The socket probe's result and the transport, to explain an SSH forwarding failure. */
  probe?: { result: CommandResult | undefined; transport: TargetInfo['transport'] },
): Promise<CheckOutcome> {
  // A rate limit seen before a restart still holds: do not ask again before its reset.
  for (const f of (previous?.images as ImageFacts[] | undefined) ?? [])
    if (f.resetAt && f.limitedOrigin) rememberRateLimit(f.limitedOrigin, new Date(f.resetAt), now);
  let running: RunningImage[];
  try {
    running = await provider();
  } catch (err) {
    return engineFailure(err, o.docker, probe?.result, probe?.transport);
  }
  const groups = new Map<string, RunningImage[]>();
  for (const r of running) groups.set(r.image, [...(groups.get(r.image) ?? []), r]);
  const key = (image: string) => {
    const p = parseImage(image);
    return `${p.registry}/${p.name}`;
  };
  const jobs: Promise<ImageFacts>[] = [];
  for (const [image, group] of groups) {
    const svc = o.services.find((s) => key(s.image) === key(image));
    if (svc || o.all_images) jobs.push(compare(svc, group, o, now, signal));
  }
  const facts = await Promise.all(jobs);
  if (facts.length === 0)
    return { status: 'OK', summary: 'none of the watched images runs here', notApplicable: true };
  return judgeUpdates(facts.sort((a, b) => a.service.localeCompare(b.service)));
}

export function makeDockerUpdates(factory: ProviderFactory): CheckKind<DockerUpdatesOptions> {
  return defineCheck({
    id: 'docker.updates',
    title: 'Running images vs their newest upstream release',
    options: Options,
    zeroConfig: false,
    timeoutSec: 120,
    // Asks the engine's API and the upstream APIs from ronde's machine; on the target only
    // the socket probe, and nothing when the running images are listed in the options.
    commands: (o) => (o.running ? [] : socketProbe(o.docker)),
    evaluate: async (ctx) => {
      const o = ctx.options;
      const [result] = ctx.outputs;
      const absent = o.running ? null : absentSocket(result, o.docker, ctx.target.transport);
      if (absent) return absent;
      return evaluateUpdates(
        o,
        ctx.now,
        ctx.signal,
        factory(o, ctx.target, ctx.signal),
        ctx.previous?.details,
        { result, transport: ctx.target.transport },
      );
    },
    docs: {
      observes:
        'For each running container: its version (tag, or the org.opencontainers.image.version label) against the newest upstream release (the image’s registry tags, or GitHub/GitLab releases per service or from the org.opencontainers.image.source label), with the lag (major/minor/patch); and whether its tag (`latest`, `1.2`) now points to another digest upstream (a rebuild, often base-image security fixes).',
      privileges:
        'Read access to the Docker engine API (the docker group or root on the host, over SSH). Outbound HTTPS from ronde to the registries and APIs; tokens only for private projects or higher rate limits.',
      statuses: {
        OK: 'every image runs the newest release, or is behind by a minor or patch only (shown)',
        WARN: 'an image is behind by a major release, or its tag was rebuilt upstream (levels are configurable)',
        CRIT: 'only when a level is set to CRIT',
        UNKNOWN:
          'an upstream could not be asked (unreachable, refused, rate-limited: with the reset time), no release matches the policy, the running version cannot be told, or the engine cannot be reached (a configured socket that is not there, a socket SSH cannot open: permission or AllowStreamLocalForwarding)',
        'NOT APPLICABLE':
          'no Docker socket at /var/run/docker.sock on the host (`test -S`), or none of the watched images runs there',
      },
      example:
        'checks:\n  - kind: docker.updates\n    on: tag:docker\n    options:\n      levels: { major: WARN, minor: OK, patch: OK, rebuilt: WARN }\n      services:\n        - image: mattermost/mattermost-team-edition\n          source: github\n          repo: mattermost/mattermost\n          ignore: ["*-rc*"]\n        - image: redis\n          extract: "^(?<version>\\\\d+\\\\.\\\\d+\\\\.\\\\d+)-alpine$"\n          levels: { minor: WARN }\n        - image: reg.example.org/asso/etherpad\n          source: gitlab\n          base_url: https://gitlab.example.org\n          repo: asso/etherpad\n          token: ${env:GITLAB_TOKEN}\n',
    },
  });
}

export const dockerUpdates = makeDockerUpdates(defaultProvider);
