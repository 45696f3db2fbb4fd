import { count } from '../format.js';

/* The words of the system.* kinds (src/checks/system/). */
export const en = {
  // system.reboot
  'system.reboot.flag': (p: { age: string; packages: string }) =>
    `/run/reboot-required set ${p.age} ago${p.packages ? `, asked by ${p.packages}` : ''}`,
  'system.reboot.kernel': (p: { running: string; newest: string }) =>
    `running kernel ${p.running}, newest installed ${p.newest}`,
  'system.reboot.needed': (p: { reasons: string }) => `reboot needed: ${p.reasons}`,
  'system.reboot.noKernel': 'cannot read the running kernel',
  'system.reboot.unread': (p: { path: string }) => `${p.path} could not be read`,
  'system.reboot.ok': (p: { kernel: string }) => `no reboot needed, running the newest kernel ${p.kernel}`,
  'system.reboot.okNoImage': (p: { kernel: string }) =>
    `no reboot flag; kernel ${p.kernel} not comparable (no image in /boot, e.g. a container)`,

  // system.disk
  'system.disk.space': (p: { mount: string; fstype: string; pct: number; free: string }) =>
    `${p.mount} (${p.fstype}) space ${p.pct}% used, ${p.free} free`,
  'system.disk.inodes': (p: { mount: string; fstype: string; pct: number }) =>
    `${p.mount} (${p.fstype}) inodes ${p.pct}% used`,
  'system.disk.andMore': (p: { n: number }) => ` and ${p.n} more`,
  'system.disk.below': (p: { n: number; pct: number }) =>
    `${count('en', p.n, 'filesystem', 'filesystems')} below ${p.pct}%`,
  'system.disk.fullest': (p: { fs: string }) => `, fullest ${p.fs}`,
  'system.disk.inodesPct': (p: { pct: number }) => ` (inodes ${p.pct}%)`,
  'system.disk.noRun': 'df did not run',
  'system.disk.timedOut': 'df timed out (stale mount?)',
  'system.disk.incomplete': (p: { error: string }) => `df did not complete: ${p.error}`,
  'system.disk.notFound': 'df not found on the target',
  'system.disk.unexpected': 'unexpected df output',
  'system.disk.notUnderstood': (p: { why: string }) =>
    `df output not understood (GNU coreutils df needed): ${p.why}`,
  'system.disk.unparsed': (p: { line: string }) => `unparsed df line: ${p.line}`,
  'system.disk.exited': (p: { code: number | null }) => `df exited with ${p.code}`,
  'system.disk.none': 'no filesystem to check (all skipped or excluded)',

  // system.units
  'system.units.none': (p: { ignored: string }) => `no failed units${p.ignored ? ` (${p.ignored})` : ''}`,
  'system.units.ignored': (p: { n: number; names: string }) => `${p.n} ignored: ${p.names}`,
  'system.units.failed': (p: { n: number; names: string }) =>
    `${count('en', p.n, 'failed unit', 'failed units')}: ${p.names}`,
  'system.units.noRun': 'systemctl did not run',
  'system.units.timedOut': 'systemctl timed out',
  'system.units.incomplete': (p: { error: string }) => `systemctl did not complete: ${p.error}`,
  'system.units.noSystemd': (p: { why: string }) => `no systemd: ${p.why}`,
  'system.units.notFound': 'systemctl not found',
  'system.units.exited': (p: { code: number | null; why: string }) =>
    `systemctl exited with ${p.code}: ${p.why}`,
  'system.units.noMessage': 'no message',
  'system.units.unparsed': (p: { line: string }) => `unparsed systemctl line: ${p.line}`,
  'system.units.notUnderstood': (p: { line: string }) => `systemctl output not understood: ${p.line}`,
  // system.reboot from a node-exporter (src/checks/system/reboot/metrics.ts)
  'system.reboot.metrics.absent': (p: { url: string }) =>
    `no node_reboot_required in ${p.url}: is prometheus-node-exporter-collectors' apt timer running?`,
  'system.reboot.metrics.stale': (p: { url: string; age: string }) =>
    `reboot metric of ${p.url} written ${p.age} ago: the collector has stopped, it cannot be trusted`,
  'system.reboot.metrics.required': (p: { url: string }) =>
    `reboot needed: /run/reboot-required is set (node_reboot_required, ${p.url})`,
  'system.reboot.metrics.ok': (p: { url: string }) => `no reboot flag (node_reboot_required, ${p.url})`,
};

export const fr: typeof en = {
  'system.reboot.flag': (p) =>
    `/run/reboot-required posé il y a ${p.age}${p.packages ? `, demandé par ${p.packages}` : ''}`,
  'system.reboot.kernel': (p) => `noyau en cours ${p.running}, plus récent installé ${p.newest}`,
  'system.reboot.needed': (p) => `redémarrage nécessaire : ${p.reasons}`,
  'system.reboot.noKernel': 'impossible de lire le noyau en cours',
  'system.reboot.unread': (p) => `${p.path} illisible`,
  'system.reboot.ok': (p) => `pas de redémarrage nécessaire, le noyau le plus récent ${p.kernel} tourne`,
  'system.reboot.okNoImage': (p) =>
    `pas de drapeau de redémarrage ; noyau ${p.kernel} non comparable (pas d’image dans /boot, p. ex. un conteneur)`,

  'system.disk.space': (p) => `${p.mount} (${p.fstype}) espace utilisé à ${p.pct} %, ${p.free} libres`,
  'system.disk.inodes': (p) => `${p.mount} (${p.fstype}) inodes utilisés à ${p.pct} %`,
  'system.disk.andMore': (p) => ` et ${p.n} de plus`,
  'system.disk.below': (p) =>
    `${count('fr', p.n, 'système de fichiers', 'systèmes de fichiers')} sous ${p.pct} %`,
  'system.disk.fullest': (p) => `, le plus plein ${p.fs}`,
  'system.disk.inodesPct': (p) => ` (inodes ${p.pct} %)`,
  'system.disk.noRun': 'df ne s’est pas exécuté',
  'system.disk.timedOut': 'délai dépassé pour df (montage bloqué ?)',
  'system.disk.incomplete': (p) => `df ne s’est pas terminé : ${p.error}`,
  'system.disk.notFound': 'df introuvable sur la cible',
  'system.disk.unexpected': 'sortie de df inattendue',
  'system.disk.notUnderstood': (p) => `sortie de df incomprise (df de GNU coreutils nécessaire) : ${p.why}`,
  'system.disk.unparsed': (p) => `ligne de df illisible : ${p.line}`,
  'system.disk.exited': (p) => `df a quitté avec le code ${p.code}`,
  'system.disk.none': 'aucun système de fichiers à vérifier (tous ignorés ou exclus)',

  'system.units.none': (p) => `aucune unité en échec${p.ignored ? ` (${p.ignored})` : ''}`,
  'system.units.ignored': (p) => `${count('fr', p.n, 'ignorée', 'ignorées')} : ${p.names}`,
  'system.units.failed': (p) => `${count('fr', p.n, 'unité en échec', 'unités en échec')} : ${p.names}`,
  'system.units.noRun': 'systemctl ne s’est pas exécuté',
  'system.units.timedOut': 'délai dépassé pour systemctl',
  'system.units.incomplete': (p) => `systemctl ne s’est pas terminé : ${p.error}`,
  'system.units.noSystemd': (p) => `pas de systemd : ${p.why}`,
  'system.units.notFound': 'systemctl introuvable',
  'system.units.exited': (p) => `systemctl a quitté avec le code ${p.code} : ${p.why}`,
  'system.units.noMessage': 'aucun message',
  'system.units.unparsed': (p) => `ligne de systemctl illisible : ${p.line}`,
  'system.units.notUnderstood': (p) => `sortie de systemctl incomprise : ${p.line}`,
  'system.reboot.metrics.absent': (p) =>
    `pas de node_reboot_required dans ${p.url} : le timer apt de prometheus-node-exporter-collectors tourne-t-il ?`,
  'system.reboot.metrics.stale': (p) =>
    `métrique de redémarrage de ${p.url} écrite il y a ${p.age} : le collecteur s’est arrêté, elle n’est pas fiable`,
  'system.reboot.metrics.required': (p) =>
    `redémarrage nécessaire : /run/reboot-required est présent (node_reboot_required, ${p.url})`,
  'system.reboot.metrics.ok': (p) => `pas de demande de redémarrage (node_reboot_required, ${p.url})`,
};
