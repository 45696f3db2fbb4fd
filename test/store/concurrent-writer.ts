// Run as a separate process by store.test.ts: open the store (migrating it if
// needed) and save one round, like a CLI run racing the daemon.
import { openStore } from '../../src/store/db.js';
import { result, round } from './helpers.js';

const [path, label] = process.argv.slice(2);
const store = await openStore({ kind: 'sqlite', path: path! });
const at = new Date();
await store.saveRound(round(at, { host: label! }), [result('disk', label!, 'OK', at)]);
await store.close();
