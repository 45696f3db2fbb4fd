import { Registry } from '../core/registry.js';
import { aptPending } from './apt/pending.js';
import { backupFiles } from './backup/files.js';
import { dockerUpdates } from './docker/updates.js';
import { freshnessFile } from './freshness/file.js';
import { freshnessUrl } from './freshness/url.js';
import { proxmoxBackups } from './proxmox/backups.js';
import { systemDisk } from './system/disk.js';
import { systemReboot } from './system/reboot.js';
import { systemUnits } from './system/units.js';
import { tlsFiles } from './tls/files.js';

/** The one place every check kind is registered. A test compares it with src/checks/<domain>/<kind>.ts. */
export const registry = new Registry();
registry.register(systemDisk);
registry.register(systemUnits);
registry.register(tlsFiles);
registry.register(aptPending);
registry.register(systemReboot);
registry.register(backupFiles);
registry.register(freshnessFile);
registry.register(freshnessUrl);
registry.register(proxmoxBackups);
registry.register(dockerUpdates);
