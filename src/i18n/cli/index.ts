import { en as accessEn, fr as accessFr } from './access.js';
import { en as commanderEn, fr as commanderFr } from './commander.js';
import { en as coversEn, fr as coversFr } from './covers.js';
import { en as dockerEn, fr as dockerFr } from './docker.js';
import { en as hostsEn, fr as hostsFr } from './hosts.js';
import { en as initEn, fr as initFr } from './init.js';
import { en as notifyEn, fr as notifyFr } from './notify.js';
import { en as outboxEn, fr as outboxFr } from './outbox.js';
import { en as rootEn, fr as rootFr } from './root.js';
import { en as routinesEn, fr as routinesFr } from './routines.js';
import { en as serveEn, fr as serveFr } from './serve.js';
import { en as upgradeEn, fr as upgradeFr } from './upgrade.js';
import { en as usersEn, fr as usersFr } from './users.js';

/*
 * The commands' words, one file per command or group of commands
 * (`hosts.ts` holds the `cli.hosts.*` keys and the words of `ronde hosts
 * --help`), merged into the catalogues en.ts and fr.ts. A new file here is
 * one import and one line in each list below; `fr` must have every key of
 * `en` with the same parameters (the compiler checks).
 */
export const en = {
  ...accessEn,
  ...commanderEn,
  ...coversEn,
  ...dockerEn,
  ...hostsEn,
  ...initEn,
  ...notifyEn,
  ...outboxEn,
  ...rootEn,
  ...routinesEn,
  ...serveEn,
  ...upgradeEn,
  ...usersEn,
};

export const fr: typeof en = {
  ...accessFr,
  ...commanderFr,
  ...coversFr,
  ...dockerFr,
  ...hostsFr,
  ...initFr,
  ...notifyFr,
  ...outboxFr,
  ...rootFr,
  ...routinesFr,
  ...serveFr,
  ...upgradeFr,
  ...usersFr,
};
