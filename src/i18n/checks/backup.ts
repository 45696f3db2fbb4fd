import { count } from '../format.js';

/* The words of the backup.* kinds (src/checks/backup/). */
export const en = {
  // Shared by the kinds (src/checks/backup/_shared/repo.ts).
  'backup.future': (p: { what: string; d: string }) =>
    `${p.what} is dated ${p.d} in the future (clock skew?)`,
  'backup.old': (p: { what: string; age: string; cadence: string }) =>
    `${p.what} is ${p.age} old (cadence ${p.cadence})`,
  'backup.empty': (p: { id: string }) => `newest backup ${p.id} is empty`,
  'backup.size': (p: { size: string; pct: number; smaller: boolean; median: string; n: number }) =>
    `newest backup is ${p.size}, ${p.pct}% ${p.smaller ? 'smaller' : 'larger'} than the median ${p.median} of the previous ${p.n}`,
  'backup.andMore': (p: { n: number }) => ` and ${p.n} more`,
  'backup.noClock': (p: { error: string }) => `cannot read the host's clock (date +%s): ${p.error}`,
  'backup.exited': (p: { tool: string; code: number | null }) => `${p.tool} exited with ${p.code}`,
  'backup.wrongPassword': (p: { why: string }) => `wrong password: ${p.why}`,
  'backup.wrongPassphrase': (p: { why: string }) => `wrong passphrase: ${p.why}`,
  'backup.locked': (p: { why: string }) => `repository locked (a backup or prune running?): ${p.why}`,
  'backup.checkFailed': (p: { tool: string; why: string }) => `${p.tool} check failed: ${p.why}`,
  'backup.checkPassed': ', repository check passed',

  // backup.borg
  'backup.borg.noRun': 'borg info or date did not run',
  'backup.borg.notFound': 'borg not found on the target (apt install borgbackup)',
  'backup.borg.none': (p: { matching: string; repository: string }) =>
    `no archive${p.matching ? ` matching ${p.matching}` : ''} in ${p.repository}`,
  'backup.borg.newest': (p: { name: string }) => `newest archive ${p.name}`,
  'backup.borg.ok': (p: { name: string; age: string }) => `newest archive ${p.name} is ${p.age} old`,

  // backup.restic
  'backup.restic.noRun': 'restic or date did not run',
  'backup.restic.notFound': 'restic not found on the target (apt install restic)',
  'backup.restic.none': (p: { which: string }) =>
    `no snapshot${p.which ? ` (${p.which})` : ''} in the repository`,
  'backup.restic.host': (p: { host: string }) => `host ${p.host}`,
  'backup.restic.tag': (p: { tag: string }) => `tag ${p.tag}`,
  'backup.restic.newest': (p: { id: string }) => `newest snapshot ${p.id}`,
  'backup.restic.sizeUnknown': (p: { why: string }) => `size unknown: ${p.why}`,
  'backup.restic.ok': (p: { id: string; age: string }) => `newest snapshot ${p.id} is ${p.age} old`,
  'backup.restic.groups': (p: { n: number }) => ` (${p.n} host/path groups)`,

  // backup.files
  'backup.files.of': (p: { what: string; why: string }) => `${p.what}: ${p.why}`,
  'backup.files.sep': '; ',
  'backup.files.future': (p: { name: string; ahead: string }) =>
    `${p.name} is dated ${p.ahead} in the future (bogus date or clock skew)`,
  'backup.files.noneUpToNow': 'no backup dated up to now',
  'backup.files.old': (p: { name: string; age: string; cadence: string }) =>
    `newest backup ${p.name} is ${p.age} old (cadence ${p.cadence})`,
  'backup.files.empty': (p: { name: string }) => `newest backup ${p.name} is empty (0 bytes)`,
  'backup.files.olderEmpty': (p: { n: number }) =>
    `${p.n} older backup${p.n === 1 ? ' is' : 's are'} empty (0 bytes)`,
  'backup.files.tooFew': (p: { n: number; min: number }) =>
    `only ${p.n} backups kept, expected at least ${p.min} (lost history?)`,
  'backup.files.tooMany': (p: { n: number; max: number }) =>
    `${p.n} backups kept, expected at most ${p.max} (rotation broken?)`,
  'backup.files.noDir': (p: { path: string }) => `no such directory: ${p.path}`,
  'backup.files.denied': (p: { path: string }) => `permission denied: ${p.path}`,
  'backup.files.truncated': 'find output truncated',
  'backup.files.malformed': (p: { n: number }) => `${p.n} find records not understood`,
  'backup.files.noMatch': (p: { pattern: string; dir: string }) =>
    `no file matching ${p.pattern} in ${p.dir}`,
  'backup.files.groupByNone': (p: { n: number }) => `group_by matches none of the ${p.n} files`,
  'backup.files.groupMissing': (p: { group: string }) => `${p.group}: no backup at all`,
  'backup.files.okOne': (p: { name: string; age: string; n: number }) =>
    `newest backup ${p.name} is ${p.age} old, ${p.n} kept`,
  'backup.files.okMany': (p: { n: number; group: string; age: string }) =>
    `${p.n} series fresh, stalest ${p.group} ${p.age} old`,

  // The parsers of borg and restic output (src/checks/backup/{borg,restic}/parse.ts).
  'backup.noJson': (p: { what: string }) => `${p.what} printed no JSON`,
  'backup.borg.noArchivesList': 'borg info JSON has no archives list',
  'backup.borg.badArchive': 'borg info JSON: an archive without name, id, start or original_size',
  'backup.restic.notList': 'restic snapshots JSON is not a list',
  'backup.restic.badSnapshot': 'restic snapshots JSON: a snapshot without id or time',
  'backup.restic.noTotalSize': 'restic stats JSON has no total_size',
};

export const fr: typeof en = {
  'backup.future': (p) => `${p.what} est daté de ${p.d} dans le futur (horloge décalée ?)`,
  'backup.old': (p) => `${p.what} date de ${p.age} (cadence ${p.cadence})`,
  'backup.empty': (p) => `la sauvegarde la plus récente ${p.id} est vide`,
  'backup.size': (p) =>
    `la sauvegarde la plus récente fait ${p.size}, ${p.pct} % ${p.smaller ? 'de moins' : 'de plus'} que la médiane ${p.median} des ${p.n} précédentes`,
  'backup.andMore': (p) => ` et ${p.n} de plus`,
  'backup.noClock': (p) => `impossible de lire l’horloge de l’hôte (date +%s) : ${p.error}`,
  'backup.exited': (p) => `${p.tool} a quitté avec le code ${p.code}`,
  'backup.wrongPassword': (p) => `mot de passe erroné : ${p.why}`,
  'backup.wrongPassphrase': (p) => `phrase de passe erronée : ${p.why}`,
  'backup.locked': (p) => `dépôt verrouillé (une sauvegarde ou un prune en cours ?) : ${p.why}`,
  'backup.checkFailed': (p) => `échec de ${p.tool} check : ${p.why}`,
  'backup.checkPassed': ', vérification du dépôt réussie',

  'backup.borg.noRun': 'borg info ou date ne s’est pas exécuté',
  'backup.borg.notFound': 'borg introuvable sur la cible (apt install borgbackup)',
  'backup.borg.none': (p) =>
    `aucune archive${p.matching ? ` correspondant à ${p.matching}` : ''} dans ${p.repository}`,
  'backup.borg.newest': (p) => `l’archive la plus récente ${p.name}`,
  'backup.borg.ok': (p) => `l’archive la plus récente ${p.name} date de ${p.age}`,

  'backup.restic.noRun': 'restic ou date ne s’est pas exécuté',
  'backup.restic.notFound': 'restic introuvable sur la cible (apt install restic)',
  'backup.restic.none': (p) => `aucun instantané${p.which ? ` (${p.which})` : ''} dans le dépôt`,
  'backup.restic.host': (p) => `hôte ${p.host}`,
  'backup.restic.tag': (p) => `étiquette ${p.tag}`,
  'backup.restic.newest': (p) => `l’instantané le plus récent ${p.id}`,
  'backup.restic.sizeUnknown': (p) => `taille inconnue : ${p.why}`,
  'backup.restic.ok': (p) => `l’instantané le plus récent ${p.id} date de ${p.age}`,
  'backup.restic.groups': (p) => ` (${p.n} groupes hôte/chemins)`,

  // backup.files
  'backup.files.of': (p) => `${p.what} : ${p.why}`,
  'backup.files.sep': ' ; ',
  'backup.files.future': (p) =>
    `${p.name} est daté de ${p.ahead} dans le futur (date fausse ou horloge décalée)`,
  'backup.files.noneUpToNow': 'aucune sauvegarde datée d’avant l’heure actuelle',
  'backup.files.old': (p) =>
    `la sauvegarde la plus récente ${p.name} date de ${p.age} (cadence ${p.cadence})`,
  'backup.files.empty': (p) => `la sauvegarde la plus récente ${p.name} est vide (0 octet)`,
  'backup.files.olderEmpty': (p) =>
    p.n === 1
      ? 'une sauvegarde plus ancienne est vide (0 octet)'
      : `${p.n} sauvegardes plus anciennes sont vides (0 octet)`,
  'backup.files.tooFew': (p) =>
    `seulement ${count('fr', p.n, 'sauvegarde conservée', 'sauvegardes conservées')}, au moins ${p.min} attendues (historique perdu ?)`,
  'backup.files.tooMany': (p) =>
    `${count('fr', p.n, 'sauvegarde conservée', 'sauvegardes conservées')}, au plus ${p.max} attendues (rotation cassée ?)`,
  'backup.files.noDir': (p) => `répertoire inexistant : ${p.path}`,
  'backup.files.denied': (p) => `permission refusée : ${p.path}`,
  'backup.files.truncated': 'sortie de find tronquée',
  'backup.files.malformed': (p) =>
    count('fr', p.n, 'enregistrement de find incompris', 'enregistrements de find incompris'),
  'backup.files.noMatch': (p) => `aucun fichier correspondant à ${p.pattern} dans ${p.dir}`,
  'backup.files.groupByNone': (p) => `group_by ne correspond à aucun des ${p.n} fichiers`,
  'backup.files.groupMissing': (p) => `${p.group} : aucune sauvegarde`,
  'backup.files.okOne': (p) =>
    `la sauvegarde la plus récente ${p.name} date de ${p.age}, ${count('fr', p.n, 'conservée', 'conservées')}`,
  'backup.files.okMany': (p) =>
    `${count('fr', p.n, 'série à jour', 'séries à jour')}, la moins récente : ${p.group}, ${p.age}`,

  // The parsers of borg and restic output.
  'backup.noJson': (p) => `${p.what} n’a affiché aucun JSON`,
  'backup.borg.noArchivesList': 'le JSON de borg info n’a pas de liste archives',
  'backup.borg.badArchive': 'JSON de borg info : une archive sans name, id, start ou original_size',
  'backup.restic.notList': 'le JSON de restic snapshots n’est pas une liste',
  'backup.restic.badSnapshot': 'JSON de restic snapshots : un instantané sans id ni time',
  'backup.restic.noTotalSize': 'le JSON de restic stats n’a pas de total_size',
};
