import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireServeLock, StoreBusy } from './lock.js';

describe('the serve lock on a SQLite store', () => {
  it('refuses a second holder, naming the first; free again once released', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ronde-lock-')), 'ronde.db');
    const first = await acquireServeLock({ kind: 'sqlite', path }, 'pid 1 on web, since then');
    const second = acquireServeLock({ kind: 'sqlite', path }, 'pid 2 on web, since now');
    await expect(second).rejects.toThrow(StoreBusy);
    await expect(second).rejects.toThrow(/another ronde serve is running on this store \(pid 1 on web/);
    await first.release();
    const third = await acquireServeLock({ kind: 'sqlite', path }, 'pid 3');
    await third.release();
  });
});
