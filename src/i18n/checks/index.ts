import * as access from './access.js';
import * as alerting from './alerting.js';
import * as apt from './apt.js';
import * as backup from './backup.js';
import * as client from './client.js';
import * as common from './common.js';
import * as credentials from './credentials.js';
import * as dns from './dns.js';
import * as docker from './docker.js';
import * as docs from './docs.js';
import * as freshness from './freshness.js';
import * as gitlab from './gitlab.js';
import * as mail from './mail.js';
import * as prometheus from './prometheus.js';
import * as proxmox from './proxmox.js';
import * as ronde from './ronde.js';
import * as system from './system.js';
import * as tls from './tls.js';

/*
 * The check kinds' words, one file per domain (`apt.ts` holds the `apt.*`
 * keys), merged into the catalogues en.ts and fr.ts. A new domain is a file
 * here and one line in each list below; `fr` must have every key of `en`
 * with the same parameters (the compiler checks).
 */
export const en = {
  ...common.en,
  ...apt.en,
  ...backup.en,
  ...docker.en,
  ...freshness.en,
  ...ronde.en,
  ...system.en,
  ...tls.en,
  ...prometheus.en,
  ...docs.en,
  ...gitlab.en,
  ...credentials.en,
  ...proxmox.en,
  ...mail.en,
  ...dns.en,
  ...access.en,
  ...alerting.en,
  ...client.en,
};

export const fr: typeof en = {
  ...common.fr,
  ...apt.fr,
  ...backup.fr,
  ...docker.fr,
  ...freshness.fr,
  ...ronde.fr,
  ...system.fr,
  ...tls.fr,
  ...prometheus.fr,
  ...docs.fr,
  ...gitlab.fr,
  ...credentials.fr,
  ...proxmox.fr,
  ...mail.fr,
  ...dns.fr,
  ...access.fr,
  ...alerting.fr,
  ...client.fr,
};
