/** What a STARTTLS dialog waits for (src/clients/tls/starttls.ts). */
const STAGE_EN = {
  smtpGreeting: 'the SMTP greeting',
  ehlo: 'the EHLO reply',
  starttls: 'the STARTTLS reply',
  imapGreeting: 'the IMAP greeting',
  pop3Greeting: 'the POP3 greeting',
  stls: 'the STLS reply',
  ldapStartTls: 'the StartTLS response',
  sslRequest: 'the SSLRequest reply',
} as const;
export type TlsStage = keyof typeof STAGE_EN;
const stageEn = (w: TlsStage): string => STAGE_EN[w] ?? String(w);
const STAGE_FR: Record<TlsStage, string> = {
  smtpGreeting: 'la bannière SMTP',
  ehlo: 'la réponse à EHLO',
  starttls: 'la réponse à STARTTLS',
  imapGreeting: 'la bannière IMAP',
  pop3Greeting: 'la bannière POP3',
  stls: 'la réponse à STLS',
  ldapStartTls: 'la réponse à StartTLS',
  sslRequest: 'la réponse à SSLRequest',
};
const stageFr = (w: TlsStage): string => STAGE_FR[w] ?? String(w);

/*
 * The words of ronde's own clients of other systems (src/clients/*): what an
 * error thrown by a client says. The client throws its typed error with a
 * Said (src/core/said.ts), whose English is the error's message (logs,
 * details); the kind says it in the team's language through `sayError`. The
 * raw text of the other program or of Node (`ECONNREFUSED`, an HTTP body)
 * is a parameter, quoted after a colon as it came. Keys start with `client.`.
 */
export const en = {
  // dns (src/clients/dns/)
  'client.dns.noServer': 'no DNS server configured',
  'client.dns.aborted': 'aborted',
  'client.dns.noAnswer': (p: { name: string; type: string; errors: string }) =>
    `no answer for ${p.name} ${p.type} (${p.errors})`,
  'client.dns.malformed': (p: { error: string }) => `malformed DNS reply (${p.error})`,
  'client.dns.otherQuery': 'a reply to another query',
  'client.dns.otherQuestion': 'a reply to another question',
  'client.dns.timeout': (p: { ms: number; tcp: boolean }) =>
    `${p.tcp ? 'TCP timed out' : 'timed out'} after ${p.ms} ms`,
  'client.dns.tcpClosed': 'TCP connection closed before a full reply',

  // docker (src/clients/docker/)
  'client.docker.interrupted': (p: { what: string }) => `interrupted (${p.what})`,
  'client.docker.unexpected': (p: { what: string; at: string; issue: string }) =>
    `${p.what}: unexpected answer${p.at ? ` at ${p.at}` : ''}: ${p.issue}`,
  'client.docker.api': (p: { what: string; status: number; error: string }) =>
    `${p.what}: HTTP ${p.status}: ${p.error}`,
  'client.docker.denied': (p: { where: string }) =>
    `permission denied on the Docker engine at ${p.where}: the user needs root or the docker group`,
  'client.docker.unreachable': (p: { where: string; code: string }) =>
    `cannot reach the Docker engine at ${p.where}: ${p.code}`,
  'client.docker.tls': (p: { where: string; error: string }) => `TLS to ${p.where} refused: ${p.error}`,
  'client.docker.timeout': (p: { where: string; what: string }) => `no answer from ${p.where} (${p.what})`,
  'client.docker.failed': (p: { what: string; where: string; error: string }) =>
    `${p.what} on ${p.where}: ${p.error}`,
  'client.docker.noCerts': (p: { url: string }) =>
    `${p.url}: give ca, cert and key: the Docker API over TCP without TLS client certificates gives root to anyone who reaches it`,
  'client.docker.notSsh': (p: { target: string }) =>
    `via_ssh: ${p.target} is not reached over SSH; use socket or url instead`,
  'client.docker.badUrl': (p: { url: string }) => `invalid url ${p.url}`,
  'client.docker.urlScheme': (p: { url: string }) => `url must be tcp:// or https:// (${p.url})`,
  'client.docker.cannotRead': (p: { what: string; file: string; code: string }) =>
    `cannot read ${p.what} ${p.file} (${p.code})`,
  'client.docker.noSocket': (p: { path: string }) => `no Docker socket at ${p.path}`,
  'client.docker.notInstalled': (p: { path: string }) =>
    `${p.path} is not a unix socket: Docker is not installed on this host, or not running`,
  'client.docker.socketMissing': (p: { path: string }) =>
    `\`test -S ${p.path}\` says no socket there (absent, not a socket, or in a directory the login user cannot enter): check the docker.socket option`,
  'client.docker.sshForward': (p: { path: string }) =>
    `the Docker socket ${p.path} exists but could not be opened over SSH: likely permission (the login user needs the docker group, or root) or AllowStreamLocalForwarding disabled in sshd_config`,
  // prometheus and alertmanager (src/clients/prometheus/)
  'client.prometheus.noAnswer': (p: { base: string; sec: number; path: string }) =>
    `${p.base}: no answer within ${p.sec} s (${p.path})`,
  'client.prometheus.interrupted': (p: { base: string; path: string }) =>
    `${p.base}: interrupted (${p.path})`,
  'client.prometheus.unreachable': (p: { base: string; error: string }) =>
    `cannot reach ${p.base}: ${p.error}`,
  'client.prometheus.tooLarge': (p: { mib: number }) => `answer larger than ${p.mib} MiB`,
  'client.prometheus.auth': (p: { url: string; status: number }) =>
    `${p.url}: HTTP ${p.status}: check the token`,
  'client.prometheus.http': (p: { url: string; status: number; body: string }) =>
    `${p.url}: HTTP ${p.status}${p.body ? `: ${p.body}` : ''}`,
  'client.prometheus.unexpected': (p: { where: string; at: string; issue: string }) =>
    `${p.where}: unexpected answer${p.at ? ` at ${p.at}` : ''}: ${p.issue}`,
  'client.prometheus.notJson': (p: { where: string; status: number }) =>
    `${p.where}: the answer is not JSON (HTTP ${p.status})`,
  'client.prometheus.refused': (p: { path: string; type: string; error: string }) =>
    `Prometheus refused ${p.path}: ${p.type || 'error'}: ${p.error || 'no detail'}`,

  // proxmox (src/clients/proxmox/)
  'client.proxmox.badUrl': (p: { url: string }) => `invalid url ${p.url}`,
  'client.proxmox.notHttps': (p: { url: string }) => `url must be https:// (${p.url})`,
  'client.proxmox.caFile': (p: { file: string; code: string }) => `cannot read ca_file ${p.file} (${p.code})`,
  'client.proxmox.noAnswer': (p: { where: string; sec: number; path: string }) =>
    `no answer from ${p.where} within ${p.sec} s (${p.path})`,
  'client.proxmox.interrupted': (p: { path: string }) => `interrupted (${p.path})`,
  'client.proxmox.cannotConnect': (p: { where: string; error: string }) =>
    `cannot connect to ${p.where}: ${p.error}`,
  'client.proxmox.pinMismatch': (p: { where: string; presented: string; pin: string }) =>
    `certificate fingerprint mismatch: ${p.where} presented ${p.presented}, expected ${p.pin}`,
  'client.proxmox.untrusted': (p: { where: string; trusted: boolean; code: string; presented: string }) =>
    `certificate of ${p.where} ${p.trusted ? 'refused' : 'not trusted'} (${p.code}); set ca_file, or pin it with ` +
    `fingerprint: ${p.presented} after checking it on the node (pvenode cert info)`,
  'client.proxmox.failed': (p: { path: string; error: string }) => `${p.path}: ${p.error}`,
  'client.proxmox.notJson': (p: { path: string }) => `${p.path}: the answer is not JSON`,
  'client.proxmox.auth': (p: { detail: string; tokenId: string }) =>
    `authentication failed (401${p.detail ? `: ${p.detail}` : ''}): check the token id ${p.tokenId} and its secret`,
  'client.proxmox.denied': (p: { path: string; detail: string }) =>
    `permission denied (403) on ${p.path}${p.detail ? `: ${p.detail}` : ''}`,
  'client.proxmox.http': (p: { path: string; status: number; detail: string }) =>
    `${p.path}: HTTP ${p.status}${p.detail ? `: ${p.detail}` : ''}`,
  'client.proxmox.unexpected': (p: { path: string; at: string; issue: string }) =>
    `${p.path}: unexpected answer${p.at ? ` at ${p.at}` : ''}: ${p.issue}`,
  'client.proxmox.noBackupStorage': 'no storage with content "backup" is visible to the token',
  'client.proxmox.snapName': (p: { name: string }) => `invalid snapshot name ${p.name}`,
  'client.proxmox.taskFailed': (p: { upid: string; exit: string }) =>
    `task ${p.upid} failed: ${p.exit || 'no exit status'}`,
  'client.proxmox.taskRunning': (p: { upid: string; sec: number }) =>
    `task ${p.upid} still running after ${p.sec} s`,
  // ldap (src/clients/ldap/)
  'client.ldap.bindRefused': (p: { dn: string; error: string }) => `bind as ${p.dn} refused: ${p.error}`,
  // tls (src/clients/tls/): the server's own reply is quoted as it came.
  'client.tls.timeout': (p: { ms: number; stage: string }) => `timed out after ${p.ms} ms (${p.stage})`,
  'client.tls.aborted': 'aborted',
  'client.tls.noStarttls': 'the server does not offer STARTTLS (mail to it travels in clear)',
  'client.tls.starttlsRefused': (p: { reply: string }) => `STARTTLS refused: ${p.reply}`,
  'client.tls.refuses': (p: { what: string; reply: string }) => `the server refuses ${p.what}: ${p.reply}`,
  'client.tls.ldapRefuses': (p: { rc: number }) => `the LDAP server refuses StartTLS (result code ${p.rc})`,
  'client.tls.pgSslOff': 'the PostgreSQL server has SSL off',
  // wiki (src/clients/wiki/): DokuWiki XML-RPC and MediaWiki Action API; the server's words quoted as they came.
  'client.wiki.noAnswer': (p: { origin: string; sec: number }) => `${p.origin}: no answer within ${p.sec} s`,
  'client.wiki.unreachable': (p: { origin: string; error: string }) => `${p.origin}: ${p.error}`,
  'client.wiki.http': (p: { url: string; status: number }) => `${p.url}: HTTP ${p.status}`,
  'client.wiki.notBase': (p: { url: string; base: string }) =>
    `${p.url}: HTTP 404 (is ${p.base} the wiki's base URL?)`,
  'client.wiki.dokuRefused': (p: { user: string }) =>
    `DokuWiki refused the user ${p.user || '(none)'}: wrong user or password (HTTP 401)`,
  'client.wiki.dokuForbidden': (p: { user: string }) =>
    `DokuWiki: the user ${p.user || '(none)'} may not use the remote API: add it (or its group) to remoteuser (HTTP 403)`,
  'client.wiki.dokuFault': (p: { method: string; error: string; fault: string; disabled: boolean }) =>
    `DokuWiki ${p.method}: ${p.error}${p.fault ? ` (fault ${p.fault})` : ''}${p.disabled ? " (set remote = 1 and remoteuser in DokuWiki's configuration)" : ''}`,
  'client.wiki.dokuEmpty':
    'DokuWiki dokuwiki.getPagelist failed on the server without saying why (an empty answer): see its PHP error log',
  'client.wiki.dokuNotList': 'DokuWiki dokuwiki.getPagelist: not a list',
  'client.wiki.notApi': (p: { api: string; status: number }) =>
    `${p.api}: HTTP ${p.status} (is it the wiki's api.php?)`,
  'client.wiki.notJson': (p: { api: string }) =>
    `${p.api}: the answer is not JSON (is it the wiki's api.php?)`,
  'client.wiki.mwError': (p: { info: string; code: string }) => `MediaWiki: ${p.info} (${p.code})`,
  'client.wiki.mwNoToken': 'MediaWiki: no login token in the answer',
  'client.wiki.mwUnexpected': (p: { action: string }) => `MediaWiki: unexpected answer to ${p.action}`,
  'client.wiki.mwLoginRefused': (p: { user: string; reason: string }) =>
    `MediaWiki refused the login of ${p.user}: ${p.reason} (use a bot password, Special:BotPasswords)`,
  'client.wiki.mwTooMany': (p: { batches: number }) =>
    `MediaWiki: more than ${p.batches} batches of pages; not all read`,
  'client.xmlrpc.stray': 'not XML: stray "<"',
  'client.xmlrpc.unexpectedClose': (p: { tag: string }) => `not XML: unexpected </${p.tag}>`,
  'client.xmlrpc.truncated': 'not XML: truncated',
  'client.xmlrpc.badValue': (p: { type: string; text: string }) => `bad <${p.type}> ${p.text}`,
  'client.xmlrpc.memberless': 'a struct member without name or value',
  'client.xmlrpc.unknownType': (p: { type: string }) => `unknown XML-RPC type <${p.type}>`,
  'client.xmlrpc.noResponse': 'not an XML-RPC answer (no <methodResponse>)',
  'client.xmlrpc.faultless': 'fault without a message',
  'client.xmlrpc.noValue': 'an XML-RPC answer without a value',
  // sources of releases and GitLab (src/sources/, src/clients/gitlab/)
  'client.source.rateLimited': (p: { host: string; until: string }) =>
    `${p.host} rate limit: not asked again before ${p.until}`,
  'client.source.rateReached': (p: { host: string; until: string }) =>
    `${p.host} rate limit reached; resets at ${p.until}`,
  'client.source.noAnswer': (p: { url: string; sec: number }) => `${p.url}: no answer within ${p.sec} s`,
  'client.source.unreachable': (p: { url: string; error: string }) => `${p.url}: ${p.error}`,
  'client.source.http': (p: { url: string; status: number }) => `${p.url}: HTTP ${p.status}`,
  'client.source.notJson': (p: { url: string }) => `${p.url}: answer is not JSON`,
  'client.gitlab.notFound': (p: { group: boolean; path: string }) =>
    `${p.group ? 'group' : 'project'} ${p.path} not found (or not visible to the token)`,
  'client.gitlab.unexpected': (p: { what: 'issues' | 'members'; group: boolean; path: string }) =>
    p.what === 'issues'
      ? `issues of ${p.path}: unexpected answer`
      : `members of ${p.group ? 'group' : 'project'} ${p.path}: unexpected answer`,
  'client.gitlab.tooManyPages': (p: { group: boolean; path: string; pages: number }) =>
    `${p.group ? 'group' : 'project'} ${p.path}: more than ${p.pages} pages of members`,
  // the STARTTLS dialogs' stages (src/clients/tls/starttls.ts)
  'client.tls.closed': (p: { what: TlsStage }) =>
    `connection closed while waiting for ${STAGE_EN[p.what] ?? p.what}`,
  'client.tls.tooLong': (p: { what: TlsStage }) => `no ${STAGE_EN[p.what] ?? p.what} in 64 KiB of reply`,
  'client.tls.badGreeting': (p: { what: TlsStage; reply: string }) =>
    `${stageEn(p.what).replace(/^the /, '')}: ${p.reply}`,
};

export const fr: typeof en = {
  'client.dns.noServer': 'aucun serveur DNS configuré',
  'client.dns.aborted': 'interrompu',
  'client.dns.noAnswer': (p) => `pas de réponse pour ${p.name} ${p.type} (${p.errors})`,
  'client.dns.malformed': (p) => `réponse DNS malformée (${p.error})`,
  'client.dns.otherQuery': 'la réponse à une autre requête',
  'client.dns.otherQuestion': 'la réponse à une autre question',
  'client.dns.timeout': (p) => `${p.tcp ? 'délai TCP dépassé' : 'délai dépassé'} après ${p.ms} ms`,
  'client.dns.tcpClosed': 'connexion TCP fermée avant une réponse complète',

  // docker
  'client.docker.interrupted': (p) => `interrompu (${p.what})`,
  'client.docker.unexpected': (p) =>
    `${p.what} : réponse inattendue${p.at ? ` en ${p.at}` : ''} : ${p.issue}`,
  'client.docker.api': (p) => `${p.what} : HTTP ${p.status} : ${p.error}`,
  'client.docker.denied': (p) =>
    `permission refusée sur le moteur Docker en ${p.where} : l’utilisateur doit être root ou du groupe docker`,
  'client.docker.unreachable': (p) => `impossible de joindre le moteur Docker en ${p.where} : ${p.code}`,
  'client.docker.tls': (p) => `TLS vers ${p.where} refusé : ${p.error}`,
  'client.docker.timeout': (p) => `pas de réponse de ${p.where} (${p.what})`,
  'client.docker.failed': (p) => `${p.what} sur ${p.where} : ${p.error}`,
  'client.docker.noCerts': (p) =>
    `${p.url} : donnez ca, cert et key : l’API Docker en TCP sans certificats client TLS donne root à quiconque la joint`,
  'client.docker.notSsh': (p) =>
    `via_ssh : ${p.target} n’est pas joint par SSH ; utilisez plutôt socket ou url`,
  'client.docker.badUrl': (p) => `url invalide ${p.url}`,
  'client.docker.urlScheme': (p) => `url doit être tcp:// ou https:// (${p.url})`,
  'client.docker.cannotRead': (p) => `impossible de lire ${p.what} ${p.file} (${p.code})`,
  'client.docker.noSocket': (p) => `pas de socket Docker en ${p.path}`,
  'client.docker.notInstalled': (p) =>
    `${p.path} n’est pas une socket unix : Docker n’est pas installé sur cet hôte, ou ne tourne pas`,
  'client.docker.socketMissing': (p) =>
    `\`test -S ${p.path}\` ne trouve pas de socket (absente, pas une socket, ou dans un répertoire où l’utilisateur de connexion ne peut entrer) : vérifiez l’option docker.socket`,
  'client.docker.sshForward': (p) =>
    `la socket Docker ${p.path} existe mais n’a pas pu être ouverte par SSH : sans doute une permission (l’utilisateur de connexion doit être du groupe docker, ou root) ou AllowStreamLocalForwarding désactivé dans sshd_config`,
  // prometheus
  'client.prometheus.noAnswer': (p) => `${p.base} : pas de réponse en ${p.sec} s (${p.path})`,
  'client.prometheus.interrupted': (p) => `${p.base} : interrompu (${p.path})`,
  'client.prometheus.unreachable': (p) => `impossible de joindre ${p.base} : ${p.error}`,
  'client.prometheus.tooLarge': (p) => `réponse de plus de ${p.mib} Mio`,
  'client.prometheus.auth': (p) => `${p.url} : HTTP ${p.status} : vérifiez le jeton`,
  'client.prometheus.http': (p) => `${p.url} : HTTP ${p.status}${p.body ? ` : ${p.body}` : ''}`,
  'client.prometheus.unexpected': (p) =>
    `${p.where} : réponse inattendue${p.at ? ` en ${p.at}` : ''} : ${p.issue}`,
  'client.prometheus.notJson': (p) => `${p.where} : la réponse n’est pas du JSON (HTTP ${p.status})`,
  'client.prometheus.refused': (p) =>
    `Prometheus a refusé ${p.path} : ${p.type || 'erreur'} : ${p.error || 'sans détail'}`,

  // proxmox
  'client.proxmox.badUrl': (p) => `url invalide ${p.url}`,
  'client.proxmox.notHttps': (p) => `url doit être en https:// (${p.url})`,
  'client.proxmox.caFile': (p) => `impossible de lire ca_file ${p.file} (${p.code})`,
  'client.proxmox.noAnswer': (p) => `pas de réponse de ${p.where} en ${p.sec} s (${p.path})`,
  'client.proxmox.interrupted': (p) => `interrompu (${p.path})`,
  'client.proxmox.cannotConnect': (p) => `impossible de se connecter à ${p.where} : ${p.error}`,
  'client.proxmox.pinMismatch': (p) =>
    `empreinte du certificat différente : ${p.where} a présenté ${p.presented}, attendue ${p.pin}`,
  'client.proxmox.untrusted': (p) =>
    `certificat de ${p.where} ${p.trusted ? 'refusé' : 'non reconnu'} (${p.code}) ; définissez ca_file, ou épinglez-le avec ` +
    `fingerprint: ${p.presented} après l’avoir vérifié sur le nœud (pvenode cert info)`,
  'client.proxmox.failed': (p) => `${p.path} : ${p.error}`,
  'client.proxmox.notJson': (p) => `${p.path} : la réponse n’est pas du JSON`,
  'client.proxmox.auth': (p) =>
    `authentification refusée (401${p.detail ? ` : ${p.detail}` : ''}) : vérifiez l’identifiant de jeton ${p.tokenId} et son secret`,
  'client.proxmox.denied': (p) => `permission refusée (403) sur ${p.path}${p.detail ? ` : ${p.detail}` : ''}`,
  'client.proxmox.http': (p) => `${p.path} : HTTP ${p.status}${p.detail ? ` : ${p.detail}` : ''}`,
  'client.proxmox.unexpected': (p) =>
    `${p.path} : réponse inattendue${p.at ? ` en ${p.at}` : ''} : ${p.issue}`,
  'client.proxmox.noBackupStorage': 'aucun stockage de contenu « backup » n’est visible du jeton',
  'client.proxmox.snapName': (p) => `nom d’instantané invalide ${p.name}`,
  'client.proxmox.taskFailed': (p) => `la tâche ${p.upid} a échoué : ${p.exit || 'sans code de sortie'}`,
  'client.proxmox.taskRunning': (p) => `la tâche ${p.upid} tourne encore après ${p.sec} s`,
  // ldap
  'client.ldap.bindRefused': (p) => `connexion (bind) en tant que ${p.dn} refusée : ${p.error}`,
  // tls
  'client.tls.timeout': (p) => `délai dépassé après ${p.ms} ms (${p.stage})`,
  'client.tls.aborted': 'interrompu',
  'client.tls.noStarttls': 'le serveur ne propose pas STARTTLS (le courrier vers lui circule en clair)',
  'client.tls.starttlsRefused': (p) => `STARTTLS refusé : ${p.reply}`,
  'client.tls.refuses': (p) => `le serveur refuse ${p.what} : ${p.reply}`,
  'client.tls.ldapRefuses': (p) => `le serveur LDAP refuse StartTLS (code de résultat ${p.rc})`,
  'client.tls.pgSslOff': 'le serveur PostgreSQL a SSL désactivé',
  // wiki
  'client.wiki.noAnswer': (p) => `${p.origin} : pas de réponse en ${p.sec} s`,
  'client.wiki.unreachable': (p) => `${p.origin} : ${p.error}`,
  'client.wiki.http': (p) => `${p.url} : HTTP ${p.status}`,
  'client.wiki.notBase': (p) => `${p.url} : HTTP 404 (${p.base} est-elle l'adresse de base du wiki ?)`,
  'client.wiki.dokuRefused': (p) =>
    `DokuWiki refuse l'utilisateur ${p.user || '(aucun)'} : utilisateur ou mot de passe erroné (HTTP 401)`,
  'client.wiki.dokuForbidden': (p) =>
    `DokuWiki : l'utilisateur ${p.user || '(aucun)'} n'a pas droit à l'API distante : l'ajouter (ou son groupe) à remoteuser (HTTP 403)`,
  'client.wiki.dokuFault': (p) =>
    `DokuWiki ${p.method} : ${p.error}${p.fault ? ` (code d'erreur ${p.fault})` : ''}${p.disabled ? ' (régler remote = 1 et remoteuser dans la configuration de DokuWiki)' : ''}`,
  'client.wiki.dokuEmpty':
    "DokuWiki dokuwiki.getPagelist a échoué sur le serveur sans dire pourquoi (réponse vide) : voir son journal d'erreurs PHP",
  'client.wiki.dokuNotList': "DokuWiki dokuwiki.getPagelist : la réponse n'est pas une liste",
  'client.wiki.notApi': (p) => `${p.api} : HTTP ${p.status} (est-ce bien l'api.php du wiki ?)`,
  'client.wiki.notJson': (p) => `${p.api} : la réponse n'est pas du JSON (est-ce bien l'api.php du wiki ?)`,
  'client.wiki.mwError': (p) => `MediaWiki : ${p.info} (${p.code})`,
  'client.wiki.mwNoToken': 'MediaWiki : pas de jeton de connexion dans la réponse',
  'client.wiki.mwUnexpected': (p) => `MediaWiki : réponse inattendue à ${p.action}`,
  'client.wiki.mwLoginRefused': (p) =>
    `MediaWiki refuse la connexion de ${p.user} : ${p.reason} (utiliser un mot de passe de robot, Special:BotPasswords)`,
  'client.wiki.mwTooMany': (p) => `MediaWiki : plus de ${p.batches} lots de pages ; lecture incomplète`,
  'client.xmlrpc.stray': 'pas du XML : « < » isolé',
  'client.xmlrpc.unexpectedClose': (p) => `pas du XML : </${p.tag}> inattendu`,
  'client.xmlrpc.truncated': 'pas du XML : tronqué',
  'client.xmlrpc.badValue': (p) => `<${p.type}> invalide ${p.text}`,
  'client.xmlrpc.memberless': 'un membre de struct sans nom ni valeur',
  'client.xmlrpc.unknownType': (p) => `type XML-RPC inconnu <${p.type}>`,
  'client.xmlrpc.noResponse': 'pas une réponse XML-RPC (pas de <methodResponse>)',
  'client.xmlrpc.faultless': 'erreur sans message',
  'client.xmlrpc.noValue': 'une réponse XML-RPC sans valeur',
  // sources of releases and GitLab
  'client.source.rateLimited': (p) =>
    `${p.host} : limite de requêtes, pas de nouvelle demande avant ${p.until}`,
  'client.source.rateReached': (p) => `${p.host} : limite de requêtes atteinte ; remise à zéro à ${p.until}`,
  'client.source.noAnswer': (p) => `${p.url} : pas de réponse en ${p.sec} s`,
  'client.source.unreachable': (p) => `${p.url} : ${p.error}`,
  'client.source.http': (p) => `${p.url} : HTTP ${p.status}`,
  'client.source.notJson': (p) => `${p.url} : la réponse n'est pas du JSON`,
  'client.gitlab.notFound': (p) =>
    `${p.group ? 'groupe' : 'projet'} ${p.path} introuvable (ou invisible pour le jeton)`,
  'client.gitlab.unexpected': (p) =>
    p.what === 'issues'
      ? `tickets de ${p.path} : réponse inattendue`
      : `membres du ${p.group ? 'groupe' : 'projet'} ${p.path} : réponse inattendue`,
  'client.gitlab.tooManyPages': (p) =>
    `${p.group ? 'groupe' : 'projet'} ${p.path} : plus de ${p.pages} pages de membres`,
  // the STARTTLS dialogs' stages
  'client.tls.closed': (p) => `connexion fermée en attendant ${STAGE_FR[p.what] ?? p.what}`,
  'client.tls.tooLong': (p) => `pas de ${stageFr(p.what).replace(/^la /, '')} dans 64 Kio de réponse`,
  'client.tls.badGreeting': (p) => `${stageFr(p.what).replace(/^la /, '')} inattendue : ${p.reply}`,
};
