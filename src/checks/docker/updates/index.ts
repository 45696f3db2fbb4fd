import { absentSocket, dockerFor, engineFailure, socketProbe } from '../../../clients/docker/engine.js';
import type { CheckKind, CheckOutcome } from '../../../core/check.js';
import { defineCheck } from '../../../core/check.js';
import type { CommandResult } from '../../../core/command.js';
import type { TargetInfo } from '../../../core/target.js';
import { type Lang, t } from '../../../i18n/index.js';
import { rememberRateLimit } from '../../../sources/lookup.js';
import { parseImage } from '../../../sources/oci.js';
import { compare } from './compare.js';
import { type ImageFacts, judgeUpdates } from './judge.js';
import { type DockerUpdatesOptions, Options } from './options.js';
import { type RunningImage, type RunningProvider, runningFromEngine } from './running.js';

export type { DockerUpdatesOptions } from './options.js';

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
  lang: Lang = 'en',
): Promise<CheckOutcome> {
  // A rate limit seen before a restart still holds: do not ask again before its reset.
  for (const f of (previous?.images as ImageFacts[] | undefined) ?? [])
    if (f.resetAt && f.limitedOrigin) rememberRateLimit(f.limitedOrigin, new Date(f.resetAt), now);
  let running: RunningImage[];
  try {
    running = await provider();
  } catch (err) {
    return engineFailure(err, o.docker, probe?.result, probe?.transport, lang);
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
    return { status: 'OK', summary: t(lang, 'docker.updates.notHere'), notApplicable: true };
  return judgeUpdates(
    facts.sort((a, b) => a.service.localeCompare(b.service)),
    lang,
  );
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
      const absent = o.running ? null : absentSocket(result, o.docker, ctx.target.transport, ctx.lang);
      if (absent) return absent;
      return evaluateUpdates(
        o,
        ctx.now,
        ctx.signal,
        factory(o, ctx.target, ctx.signal),
        ctx.previous?.details,
        { result, transport: ctx.target.transport },
        ctx.lang,
      );
    },
  });
}

export const dockerUpdates = makeDockerUpdates(defaultProvider);
