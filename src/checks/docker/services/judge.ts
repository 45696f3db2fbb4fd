import { type ContainerState, judgeService } from '../../../clients/docker/compose.js';
import type { CheckOutcome } from '../../../core/check.js';
import { worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';

/** Every expected service judged; running Compose services nobody expects are listed, not judged. */
export function judgeServices(
  groups: ReadonlyMap<string, ContainerState[]>,
  expected: readonly string[],
  source: string,
  lang: Lang,
): CheckOutcome {
  const verdicts = expected.map((s) => judgeService(s, groups.get(s), lang));
  const status = worst(verdicts.map((x) => x.status));
  const bad = verdicts.filter((x) => x.status !== 'OK');
  const unexpected = [...groups.keys()].filter((s) => !expected.includes(s)).sort();
  const summary =
    bad.length === 0
      ? t(lang, 'docker.services.ok', { n: expected.length, source })
      : t(lang, 'docker.services.bad', {
          bad: bad.length,
          n: expected.length,
          names: bad.map((b) => b.service).join(', '),
        });
  return {
    status,
    summary,
    reasons: bad.map((b) => b.why),
    details: {
      expectedFrom: source,
      services: verdicts.map((x) => ({ service: x.service, status: x.status, state: x.why })),
      unexpected,
      containers: Object.fromEntries(groups),
    },
  };
}
