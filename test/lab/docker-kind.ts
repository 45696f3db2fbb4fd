import type { ApprovalReader } from '../../src/core/approvals.js';
import type { AnyCheckKind, CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';
import type { DockerLab } from './dockerd.js';

/* How the docker.* kinds' integration tests run a kind against the lab engine. */

/** Polls `ok` (a state of the engine, not a duration) until it holds, or fails after `ms`. */
export async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One check through the real runner on the local target, against the lab engine. */
export async function runKind(
  lab: DockerLab,
  kind: AnyCheckKind,
  options: Record<string, unknown>,
  approvals?: ApprovalReader,
): Promise<CheckResult> {
  const parsed = kind.options.parse({ docker: { socket: lab.socket }, ...options });
  const { results } = await runRound(
    [
      {
        target: new LocalTarget('lab'),
        checks: [{ instance: kind.id, kind, options: parsed, timeoutSec: 60, explicit: true }],
      },
    ],
    approvals ? { approvals } : {},
  );
  return results[0]!;
}
