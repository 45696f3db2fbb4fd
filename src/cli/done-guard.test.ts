import { describe, expect, it } from 'vitest';
import type { CurrentState } from '../store/types.js';
import { EX_NOT_SIGNED, guardLinkedChecks } from './done-guard.js';

const result = (check: string, status: CurrentState['status']): CurrentState =>
  ({ check, kind: check, target: 'db1', status, summary: `${check} says ${status}` }) as CurrentState;

const entry = (...results: CurrentState[]) => ({
  routine: { id: 'backups' } as never,
  linked: { status: null, results, notApplicable: [], unmatched: [] },
});

function io(answer?: boolean) {
  const out = { warned: '', asked: [] as string[] };
  const confirm =
    answer === undefined
      ? {}
      : {
          confirm: async (q: string) => {
            out.asked.push(q);
            return answer;
          },
        };
  return { out, io: { warn: (t: string) => (out.warned += t), ...confirm } };
}

describe('ronde done with linked checks not OK', () => {
  it('goes on silently when every linked check is OK', async () => {
    const { out, io: g } = io();
    await guardLinkedChecks(entry(result('backup.age', 'OK')), 'en', false, g);
    expect(out.warned).toBe('');
  });

  it('without a terminal: names the checks and refuses, unless --force', async () => {
    const e = entry(result('backup.age', 'CRIT'), result('system.disk', 'OK'));
    const { out, io: g } = io();
    await expect(guardLinkedChecks(e, 'en', false, g)).rejects.toMatchObject({
      exitCode: EX_NOT_SIGNED,
      message: 'Not signed off. If it is done all the same, say why in --note and add --force.',
    });
    expect(out.warned).toBe(
      'backups: 1 linked check is not OK:\n  CRIT    backup.age on db1: backup.age says CRIT\n',
    );
    await expect(guardLinkedChecks(e, 'en', true, g)).resolves.toBeUndefined();
  });

  it('on a terminal: asks, and a no records nothing', async () => {
    const e = entry(result('backup.age', 'WARN'), result('backup.size', 'UNKNOWN'));
    const no = io(false);
    await expect(guardLinkedChecks(e, 'fr', false, no.io)).rejects.toThrow('Non validée.');
    expect(no.out.asked).toEqual(['La valider quand même ? [o/N] ']);
    expect(no.out.warned).toMatch(/^backups : 2 vérifications liées ne sont pas OK :\n/);
    const yes = io(true);
    await expect(guardLinkedChecks(e, 'en', false, yes.io)).resolves.toBeUndefined();
  });
});
