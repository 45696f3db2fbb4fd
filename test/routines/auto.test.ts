import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { autoComplete } from '../../src/routines/auto.js';
import { loadBoard } from '../../src/routines/board.js';
import { listSignoffs } from '../../src/routines/repo.js';
import { Routine } from '../../src/routines/schema.js';
import { openStore } from '../../src/store/db.js';
import { englishWords } from '../helpers/english.js';
import { result, round, sqliteBackend } from '../store/helpers.js';

const day = 86_400_000;
const t0 = new Date('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('done_when: checks_ok, as the daemon applies it', () => {
  it('signs R1 off when the machines show no pending update after it became due, not before', async () => {
    const backend = sqliteBackend();
    await backend.setup();
    const store = await openStore(await backend.fresh('auto'));
    const config: Pick<Config, 'routines' | 'hosts' | 'timezone'> = {
      timezone: 'UTC',
      hosts: [],
      routines: [
        Routine.parse({
          id: 'updates',
          title: 'Update the VMs',
          every: '1w',
          checks: ['apt'],
          done_when: 'checks_ok',
        }),
        Routine.parse({ id: 'wiki', title: 'Wiki', every: '1w' }),
      ],
    };
    // Configured at t0: never done, so due at once.
    expect(await autoComplete(store, config, t0)).toEqual([]); // no result yet: nothing proves it
    await store.saveRound(round(at(day)), [
      result('apt', 'web1', 'WARN', at(day)),
      result('apt', 'db1', 'OK', at(day)),
    ]);
    expect(await autoComplete(store, config, at(day))).toEqual([]); // web1 has pending updates
    const upgraded = at(day + 3_600_000);
    await store.saveRound(round(upgraded), [
      result('apt', 'web1', 'OK', upgraded),
      result('apt', 'db1', 'OK', upgraded),
    ]);
    expect(await autoComplete(store, config, upgraded)).toEqual(['updates']);
    const log = await listSignoffs(store.conn.db);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ routine: 'updates', by: 'ronde', source: 'auto', at: upgraded });
    const board = await loadBoard(store, config, upgraded);
    expect(board.find((e) => e.routine.id === 'updates')?.state.status).toBe('ok');
    // Once done, no second sign-off until it is due again.
    expect(await autoComplete(store, config, at(2 * day))).toEqual([]);
    await store.close();
    await backend.teardown();
  });

  it("a French team's note says it in French: which checks, all OK", async () => {
    const backend = sqliteBackend();
    await backend.setup();
    const store = await openStore(await backend.fresh('auto-fr'));
    const config = {
      timezone: 'UTC',
      hosts: [],
      language: 'fr' as const,
      routines: [
        Routine.parse({
          id: 'maj',
          title: 'Mises à jour',
          every: '1w',
          checks: ['apt'],
          done_when: 'checks_ok',
        }),
      ],
    };
    const later = at(day);
    await store.saveRound(round(later), [result('apt', 'web1', 'OK', later)]);
    expect(await autoComplete(store, config, later)).toEqual(['maj']);
    const [s] = await listSignoffs(store.conn.db);
    expect(s?.note).toBe('faite d’elle-même : ses vérifications apt@web1 sont toutes OK');
    expect(englishWords(s?.note ?? '')).toEqual([]);
    await store.close();
    await backend.teardown();
  });
});
