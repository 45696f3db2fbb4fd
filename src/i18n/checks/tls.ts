import { count, days } from '../format.js';

/* The words of the tls.* kinds (src/checks/tls/). */
export const en = {
  // Both kinds.
  'tls.notYetValid': (p: { date: string }) => `not valid before ${p.date}`,
  'tls.expired': (p: { date: string }) => `expired on ${p.date}`,
  'tls.expires': (p: { days: number; date: string }) => `expires in ${days('en', p.days)} (${p.date})`,
  'tls.andMore': (p: { n: number }) => ` and ${p.n} more`,

  // tls.files
  'tls.files.ok': (p: { n: number; days: number; path: string }) =>
    `${count('en', p.n, 'certificate', 'certificates')}, next expiry in ${days('en', p.days)} (${p.path})`,
  'tls.files.dangling': 'dangling symlink',
  'tls.files.noPem': 'no PEM certificate in the file',
  'tls.files.invalid': (p: { error: string }) => `not a valid certificate (${p.error})`,
  'tls.files.badDates': (p: { from: string; to: string }) => `unreadable validity dates ${p.from} – ${p.to}`,
  'tls.files.findNoRun': (p: { glob: string }) => `${p.glob}: find did not run`,
  'tls.files.findTimedOut': (p: { glob: string }) => `${p.glob}: find timed out`,
  'tls.files.findIncomplete': (p: { glob: string; error: string }) =>
    `${p.glob}: find did not complete: ${p.error}`,
  'tls.files.findNotFound': 'find not found on the target',
  'tls.files.denied': (p: { what: string }) => `permission denied: ${p.what}`,
  'tls.files.deniedFile': 'permission denied',
  'tls.files.findTruncated': (p: { glob: string }) => `${p.glob}: find output truncated`,
  'tls.files.findNotUnderstood': (p: { glob: string }) => `${p.glob}: find output not understood`,
  'tls.files.findExited': (p: { glob: string; code: number | null }) =>
    `${p.glob}: find exited with ${p.code}`,
  'tls.files.noMatch': (p: { glob: string }) => `no certificate file matches ${p.glob}`,
  'tls.files.noDir': (p: { dirs: string }) => `no such directory: ${p.dirs}`,
  // tls.files: the chain and name beside the certificate (wiki).
  'tls.files.chainEmpty': (p: { file: string }) => `${p.file} beside it holds no issuer certificate`,
  'tls.files.chainBroken': (p: { file: string; subject: string; found: string }) =>
    `${p.file}: ${p.subject} is not signed by the next certificate (${p.found}): clients refuse this chain`,
  'tls.files.chainExpired': (p: { file: string; subject: string; date: string }) =>
    `${p.file}: intermediate ${p.subject} expired on ${p.date}`,
  'tls.files.chainUntrusted': (p: { file: string; issuer: string }) =>
    `${p.file}: the chain ends at ${p.issuer}, which no trusted CA signs (a private CA: set ca_file)`,
  'tls.files.wrongName': (p: { name: string; names: string }) =>
    `does not cover ${p.name}, the name of its directory (it holds ${p.names})`,
  'tls.files.chainUnread': (p: { glob: string; why: string }) =>
    `${p.glob}: the chain files could not be read (${p.why})`,
  'tls.files.caUnread': (p: { file: string }) => `ca_file ${p.file}: no certificate read`,

  // tls.endpoint
  'tls.endpoint.noCert': 'the server sent no certificate',
  'tls.endpoint.unreadable': (p: { error: string }) => `unreadable certificate (${p.error})`,
  'tls.endpoint.cert': (p: { why: string }) => `certificate ${p.why}`,
  'tls.endpoint.chain': 'the chain does not verify',
  'tls.endpoint.verify.issuer':
    'the chain does not lead to a trusted CA: the server may not send its intermediate certificate (use the fullchain)',
  'tls.endpoint.verify.untrustedRoot':
    'the chain ends in a CA that is not trusted (a private CA? give it as ca_file)',
  'tls.endpoint.verify.selfSigned': 'the certificate is self-signed: clients will refuse it',
  'tls.endpoint.verify.expired': 'a certificate of the chain has expired',
  'tls.endpoint.verify.notYetValid': 'a certificate of the chain is not yet valid',
  'tls.endpoint.verify.signature': 'a signature of the chain does not verify',
  'tls.endpoint.verify.revoked': 'a certificate of the chain is revoked',
  'tls.endpoint.wrongName': (p: { expect: string; names: string }) =>
    `the certificate is not for ${p.expect} (it names ${p.names})`,
  'tls.endpoint.weakKey': (p: { key: string }) => `weak key: ${p.key}`,
  'tls.endpoint.dsa': 'a DSA key',
  'tls.endpoint.weakRsa': (p: { bits: number; min: number }) =>
    `weak key: RSA ${p.bits} bits (fewer than ${p.min})`,
  'tls.endpoint.weakSignature': (p: { alg: string; on: string }) => `weak signature: ${p.alg} on ${p.on}`,
  'tls.endpoint.leaf': 'the certificate',
  'tls.endpoint.chainCert': (p: { i: number }) => `chain certificate ${p.i}`,
  'tls.endpoint.changed': (p: {
    endpoint: string;
    from: string;
    fromUntil: string;
    to: string;
    toUntil: string;
  }) =>
    `${p.endpoint}: certificate changed since the last result (serial ${p.from} until ${p.fromUntil} → serial ${p.to} until ${p.toUntil})`,
  'tls.endpoint.changedMany': (p: { n: number }) => `${p.n} certificates changed`,
  'tls.endpoint.none': 'no endpoint given: set options.endpoints (`mail.example.org:25`)',
  'tls.endpoint.ok': (p: { n: number; days: number; endpoint: string }) =>
    `${count('en', p.n, 'endpoint', 'endpoints')}, next expiry in ${days('en', p.days)} (${p.endpoint})`,
  'tls.endpoint.stageFailed': (p: { stage: string; error: string }) => `${p.stage} failed: ${p.error}`,
  'tls.endpoint.cannotProbe': (p: { error: string }) => `cannot probe: ${p.error}`,
};

export const fr: typeof en = {
  'tls.notYetValid': (p) => `pas valide avant le ${p.date}`,
  'tls.expired': (p) => `expiré le ${p.date}`,
  'tls.expires': (p) => `expire dans ${days('fr', p.days)} (${p.date})`,
  'tls.andMore': (p) => ` et ${p.n} de plus`,

  'tls.files.ok': (p) =>
    `${count('fr', p.n, 'certificat', 'certificats')}, prochaine expiration dans ${days('fr', p.days)} (${p.path})`,
  'tls.files.dangling': 'lien symbolique cassé',
  'tls.files.noPem': 'aucun certificat PEM dans le fichier',
  'tls.files.invalid': (p) => `certificat invalide (${p.error})`,
  'tls.files.badDates': (p) => `dates de validité illisibles ${p.from} – ${p.to}`,
  'tls.files.findNoRun': (p) => `${p.glob} : find ne s’est pas exécuté`,
  'tls.files.findTimedOut': (p) => `${p.glob} : délai dépassé pour find`,
  'tls.files.findIncomplete': (p) => `${p.glob} : find ne s’est pas terminé : ${p.error}`,
  'tls.files.findNotFound': 'find introuvable sur la cible',
  'tls.files.denied': (p) => `permission refusée : ${p.what}`,
  'tls.files.deniedFile': 'permission refusée',
  'tls.files.findTruncated': (p) => `${p.glob} : sortie de find tronquée`,
  'tls.files.findNotUnderstood': (p) => `${p.glob} : sortie de find incomprise`,
  'tls.files.findExited': (p) => `${p.glob} : find a quitté avec le code ${p.code}`,
  'tls.files.noMatch': (p) => `aucun fichier de certificat ne correspond à ${p.glob}`,
  'tls.files.noDir': (p) => `répertoire inexistant : ${p.dirs}`,

  // tls.files : la chaîne et le nom à côté du certificat (wiki).
  'tls.files.chainEmpty': (p) => `${p.file} à côté ne contient aucun certificat émetteur`,
  'tls.files.chainBroken': (p) =>
    `${p.file} : ${p.subject} n’est pas signé par le certificat suivant (${p.found}) : les clients refusent cette chaîne`,
  'tls.files.chainExpired': (p) =>
    `${p.file} : le certificat intermédiaire ${p.subject} a expiré le ${p.date}`,
  'tls.files.chainUntrusted': (p) =>
    `${p.file} : la chaîne s’arrête à ${p.issuer}, qu’aucune autorité de confiance ne signe (AC privée : renseigner ca_file)`,
  'tls.files.wrongName': (p) => `ne couvre pas ${p.name}, le nom de son dossier (il porte ${p.names})`,
  'tls.files.chainUnread': (p) => `${p.glob} : impossible de lire les fichiers de chaîne (${p.why})`,
  'tls.files.caUnread': (p) => `ca_file ${p.file} : aucun certificat lu`,
  'tls.endpoint.noCert': 'le serveur n’a envoyé aucun certificat',
  'tls.endpoint.unreadable': (p) => `certificat illisible (${p.error})`,
  'tls.endpoint.cert': (p) => `certificat ${p.why}`,
  'tls.endpoint.chain': 'la chaîne ne se vérifie pas',
  'tls.endpoint.verify.issuer':
    'la chaîne ne mène pas à une AC de confiance : le serveur n’envoie peut-être pas son certificat intermédiaire (utilisez le fullchain)',
  'tls.endpoint.verify.untrustedRoot':
    'la chaîne aboutit à une AC qui n’est pas de confiance (une AC privée ? donnez-la en ca_file)',
  'tls.endpoint.verify.selfSigned': 'le certificat est auto-signé : les clients le refuseront',
  'tls.endpoint.verify.expired': 'un certificat de la chaîne a expiré',
  'tls.endpoint.verify.notYetValid': 'un certificat de la chaîne n’est pas encore valide',
  'tls.endpoint.verify.signature': 'une signature de la chaîne ne se vérifie pas',
  'tls.endpoint.verify.revoked': 'un certificat de la chaîne est révoqué',
  'tls.endpoint.wrongName': (p) => `le certificat n’est pas pour ${p.expect} (il nomme ${p.names})`,
  'tls.endpoint.weakKey': (p) => `clé faible : ${p.key}`,
  'tls.endpoint.dsa': 'une clé DSA',
  'tls.endpoint.weakRsa': (p) => `clé faible : RSA ${p.bits} bits (moins de ${p.min})`,
  'tls.endpoint.weakSignature': (p) => `signature faible : ${p.alg} sur ${p.on}`,
  'tls.endpoint.leaf': 'le certificat',
  'tls.endpoint.chainCert': (p) => `le certificat ${p.i} de la chaîne`,
  'tls.endpoint.changed': (p) =>
    `${p.endpoint} : certificat changé depuis le dernier résultat (numéro de série ${p.from} jusqu’au ${p.fromUntil} → numéro de série ${p.to} jusqu’au ${p.toUntil})`,
  'tls.endpoint.changedMany': (p) => `${p.n} certificats changés`,
  'tls.endpoint.none': 'aucun point d’accès donné : renseignez options.endpoints (`mail.example.org:25`)',
  'tls.endpoint.ok': (p) =>
    `${count('fr', p.n, 'point d’accès', 'points d’accès')}, prochaine expiration dans ${days('fr', p.days)} (${p.endpoint})`,
  'tls.endpoint.stageFailed': (p) => `échec de ${p.stage} : ${p.error}`,
  'tls.endpoint.cannotProbe': (p) => `sondage impossible : ${p.error}`,
};
