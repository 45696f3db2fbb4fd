import { expect, it } from 'vitest';
import { startPostgres } from '../lab/postgres.js';

it('fails loudly with the install line when the PostgreSQL binaries are missing', async () => {
  await expect(startPostgres({ binDir: '/nonexistent/postgresql/15/bin' })).rejects.toThrow(
    'apt-get install -y postgresql-15',
  );
});
