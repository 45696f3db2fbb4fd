import { registry } from '../checks/index.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { resolveSecrets } from '../config/secrets.js';
import type { Registry } from '../core/registry.js';
import { openStore } from '../store/db.js';
import { type DatabaseLocation, databaseLocation, stateDirectory } from '../store/location.js';
import type { Store } from '../store/types.js';
import { setCliLang } from './lang.js';

/** What every command needs: the configuration (or zero-config), the kinds, the store. */
export interface CliContext {
  configPath: string | null;
  config: Config;
  registry: Registry;
  /** ronde's own state directory (known_hosts…). */
  stateDir: string;
  openStore(): Promise<Store>;
  /** Where the store is (secrets resolved): the daemon locks it. */
  databaseLocation(): DatabaseLocation;
}

export interface GlobalOptions {
  config?: string;
}

export async function loadContext(
  opts: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliContext> {
  const loaded = await loadConfig({ path: opts.config, env, cwd: process.cwd(), registry });
  const { config } = loaded;
  setCliLang(config.language);
  const location = () => {
    const database = config.database?.url
      ? { url: resolveSecrets(config.database.url, env).reveal() }
      : config.database;
    return databaseLocation({ configPath: loaded.path, database, env });
  };
  return {
    configPath: loaded.path,
    config,
    registry,
    stateDir: stateDirectory(loaded.path, env),
    openStore: () => openStore(location()),
    databaseLocation: () => location(),
  };
}
