import { count } from '../format.js';

/* The words of the mail.* kinds (src/checks/mail/). */
export const en = {
  // mail.dnsbl
  'mail.dnsbl.listed': (p: { subject: string; zone: string; what: string; txt: string; where: string }) =>
    `${p.subject} is listed on ${p.zone}: ${p.what}${p.txt ? ` (reason: ${p.txt})` : ''}` +
    (p.where ? `; fix the cause, then ask for delisting at ${p.where}` : ''),
  'mail.dnsbl.unsure': (p: { zone: string; subject: string; what: string }) =>
    `${p.zone} could not say whether ${p.subject} is listed: ${p.what}`,
  'mail.dnsbl.sep': '; ',
  'mail.dnsbl.nothing': 'nothing to ask: no address for the `ip` lists and no domain for the `domain` lists',
  'mail.dnsbl.reused': (p: { n: number; oldest: string }) =>
    `${p.n} answer${p.n === 1 ? '' : 's'} reused from ${p.oldest}: a list is asked again once min_interval has passed (lists block heavy users)`,
  'mail.dnsbl.ok': (p: {
    subjects: string;
    many: boolean;
    zones: number;
    reused: number;
    lastRun: boolean;
  }) =>
    `${p.subjects}: not listed on ${p.zones} list${p.zones === 1 ? '' : 's'}` +
    (p.reused ? ` (${p.reused} answers reused from the last ${p.lastRun ? 'run' : 'runs'})` : ''),
  'mail.dnsbl.andMore': (p: { n: number }) => ` (and ${p.n} more)`,
  'mail.dnsbl.dqsKey': (p: { error: string }) => `dqs_key: ${p.error}`,
  // mail.dnsbl: our own words on a lookup that could not tell (the English is also kept in details)
  'mail.dnsbl.notIp': 'not an IP address',
  'mail.dnsbl.resolverRefused':
    "your resolver refused the query (REFUSED): it does not recurse for ronde's machine; set `resolver` to one that does",
  'mail.dnsbl.rcode': (p: { rcode: string }) =>
    `the resolver answered ${p.rcode}: it could not reach the list, or the list is down`,
  'mail.dnsbl.foreign': (p: { codes: string }) =>
    `the answer ${p.codes} is not a blocklist code (127.x): your resolver rewrites answers (an ISP's "NXDOMAIN" redirection?); use your own resolver`,
  'mail.dnsbl.noResolver': 'no resolver: set `resolver`, or give the machine one in /etc/resolv.conf',

  // mail.dns: each finding is said here; `details.findings[].text` keeps the English.
  'mail.dns.nothing': 'nothing to check: set options.domains (and sending_ips, dkim_selectors)',
  'mail.dns.allOk': (p: { n: number; domains: string }) => `${p.n} findings, all OK (${p.domains})`,
  'mail.dns.finding': (p: { subject: string; text: string }) => `${p.subject}: ${p.text}`,
  'mail.dns.andMore': (p: { n: number }) => ` (and ${p.n} more)`,
  'mail.dns.rcode': (p: { type: string; name: string; rcode: string }) =>
    `the ${p.type} query${p.name ? ` for ${p.name}` : ''} answered ${p.rcode}`,
  'mail.dns.mx.nxdomain': (p: { domain: string }) =>
    `${p.domain} does not exist in DNS (NXDOMAIN): no mail can reach it`,
  'mail.dns.mx.none': (p: { domain: string }) =>
    `${p.domain} has no MX record: senders fall back to its A record, which is rarely what you want`,
  'mail.dns.mx.null': (p: { domain: string }) => `${p.domain} accepts no mail (null MX)`,
  'mail.dns.mx.ok': (p: { pref: number; exchange: string; addrs: string }) =>
    `MX ${p.pref} ${p.exchange} → ${p.addrs}`,
  'mail.dns.mx.noAddress': (p: { pref: number; exchange: string }) =>
    `MX ${p.pref} ${p.exchange} has no address (A/AAAA): senders cannot deliver to it`,
  'mail.dns.spf.none': (p: { domain: string }) =>
    `${p.domain} publishes no SPF record: receivers cannot tell your mail from forgeries`,
  'mail.dns.spf.many': (p: { domain: string; n: number }) =>
    `${p.domain} publishes ${p.n} SPF records: receivers treat that as an error (permerror); merge them into one`,
  'mail.dns.spf.lookups': (p: { n: number }) =>
    `the SPF record needs ${p.n} DNS lookups (includes counted): more than 10 is an error (permerror) for receivers; flatten includes`,
  'mail.dns.spf.plusAll': 'the SPF record ends in +all: it allows anyone to send as you',
  'mail.dns.spf.ok': (p: { n: number }) => `SPF record valid, ${p.n} DNS lookup${p.n === 1 ? '' : 's'} of 10`,
  /** `domain` is empty for the domain's own record. */
  'mail.dns.spf.invalid': (p: { domain: string; error: string }) =>
    `${p.domain ? `${p.domain}'s` : "the domain's"} SPF record is invalid: ${p.error}`,
  /** `by` is empty when the domain's own record includes it. */
  'mail.dns.spf.unreadable': (p: { domain: string; by: string }) =>
    `could not read the SPF record of ${p.domain} (included by ${p.by || 'the domain'})`,
  'mail.dns.spf.includedNone': (p: { domain: string; by: string }) =>
    `${p.domain} (included by ${p.by || 'the domain'}) publishes no SPF record: receivers treat that as an error`,
  'mail.dns.spf.includedMany': (p: { domain: string; by: string; n: number }) =>
    `${p.domain} (included by ${p.by || 'the domain'}) publishes ${p.n} SPF records`,
  'mail.dns.spf.notSpf': 'does not start with v=spf1',
  'mail.dns.spf.unknownTerm': (p: { word: string }) => `unknown term "${p.word}"`,
  'mail.dns.spf.needsDomain': (p: { word: string }) => `"${p.word}" needs a domain`,
  'mail.dns.spf.needsAddress': (p: { word: string }) => `"${p.word}" needs an address`,
  'mail.dns.spf.redirects': 'more than one redirect=',
  'mail.dns.dmarc.none': (p: { domain: string; name: string }) =>
    `${p.domain} publishes no DMARC record (${p.name}): receivers apply no policy to forgeries, and you get no reports`,
  'mail.dns.dmarc.many': (p: { name: string; n: number }) =>
    `${p.name} holds ${p.n} DMARC records: receivers ignore them all`,
  'mail.dns.dmarc.invalid': (p: { error: string }) => `the DMARC record is invalid: ${p.error}`,
  'mail.dns.dmarc.policy': (p: { policy: string; min: string }) =>
    `DMARC policy p=${p.policy}: ${
      p.policy === 'none'
        ? 'receivers only report forgeries, they still deliver them'
        : p.policy === 'quarantine'
          ? 'forgeries go to spam'
          : 'forgeries are refused'
    }${p.min ? ` (expected at least ${p.min})` : ''}`,
  'mail.dns.dmarc.notDmarc': 'does not start with v=DMARC1',
  'mail.dns.dmarc.noPolicy': 'no policy (p=)',
  'mail.dns.dmarc.unknownPolicy': (p: { policy: string }) => `unknown policy p=${p.policy}`,
  'mail.dns.dkim.noKey': (p: { selector: string; name: string }) =>
    `DKIM selector ${p.selector} publishes no key at ${p.name}: mail signed with it fails DKIM`,
  'mail.dns.dkim.invalid': (p: { selector: string; error: string; revoked: boolean }) =>
    `DKIM selector ${p.selector}: ${p.error}${p.revoked ? ': mail signed with it fails DKIM' : ''}`,
  'mail.dns.dkim.weak': (p: { selector: string; bits: number }) =>
    `DKIM selector ${p.selector}: RSA ${p.bits} bits, receivers ignore keys under 1024`,
  'mail.dns.dkim.ok': (p: { selector: string; type: string; bits: number }) =>
    `DKIM selector ${p.selector} publishes a ${p.type}${p.bits ? ` ${p.bits}-bit` : ''} key`,
  'mail.dns.dkim.version': (p: { v: string }) => `v=${p.v}, not DKIM1`,
  'mail.dns.dkim.noP': 'no key (p=)',
  'mail.dns.dkim.revoked': 'the key is revoked (empty p=)',
  'mail.dns.dkim.ed25519Size': (p: { n: number }) => `an ed25519 key must be 32 bytes, not ${p.n}`,
  'mail.dns.dkim.unknownType': (p: { type: string }) => `unknown key type k=${p.type}`,
  'mail.dns.dkim.badKey': 'the key (p=) is not a valid public key',
  'mail.dns.ptr.none': (p: { ip: string }) =>
    `${p.ip} has no reverse DNS (PTR): many receivers refuse mail from it`,
  'mail.dns.ptr.ok': (p: { ip: string; host: string }) =>
    `${p.ip} → ${p.host} → ${p.ip} (forward-confirmed reverse DNS)`,
  'mail.dns.ptr.mismatch': (p: { ip: string; ptrs: string }) =>
    `${p.ip}'s PTR says ${p.ptrs}, but that name does not resolve back to ${p.ip}: receivers see a forged-looking sender`,
};

export const fr: typeof en = {
  // mail.dnsbl
  'mail.dnsbl.listed': (p) =>
    `${p.subject} figure sur ${p.zone} : ${p.what}${p.txt ? ` (motif : ${p.txt})` : ''}` +
    (p.where ? ` ; corrigez la cause, puis demandez le retrait sur ${p.where}` : ''),
  'mail.dnsbl.unsure': (p) => `${p.zone} n’a pas pu dire si ${p.subject} y figure : ${p.what}`,
  'mail.dnsbl.sep': ' ; ',
  'mail.dnsbl.nothing':
    'rien à demander : aucune adresse pour les listes `ip` et aucun domaine pour les listes `domain`',
  'mail.dnsbl.reused': (p) =>
    `${count('fr', p.n, 'réponse reprise', 'réponses reprises')} du ${p.oldest} : une liste n’est interrogée ` +
    'à nouveau qu’une fois min_interval écoulé (les listes bloquent les gros consommateurs)',
  'mail.dnsbl.ok': (p) =>
    `${p.subjects} : ${p.many ? 'ne figurent' : 'ne figure'} sur aucune liste ` +
    `(${count('fr', p.zones, 'liste interrogée', 'listes interrogées')}` +
    (p.reused
      ? `, ${count('fr', p.reused, 'réponse reprise', 'réponses reprises')} ${p.lastRun ? 'de la dernière exécution' : 'des dernières exécutions'})`
      : ')'),
  'mail.dnsbl.andMore': (p) => ` (et ${p.n} de plus)`,
  'mail.dnsbl.dqsKey': (p) => `dqs_key : ${p.error}`,
  'mail.dnsbl.notIp': 'pas une adresse IP',
  'mail.dnsbl.resolverRefused':
    'votre résolveur a refusé la requête (REFUSED) : il ne fait pas la résolution récursive pour la machine de ronde ; régler `resolver` sur un résolveur qui la fait',
  'mail.dnsbl.rcode': (p) =>
    `le résolveur a répondu ${p.rcode} : il n’a pas pu joindre la liste, ou la liste est en panne`,
  'mail.dnsbl.foreign': (p) =>
    `la réponse ${p.codes} n’est pas un code de liste de blocage (127.x) : votre résolveur réécrit les réponses (redirection « NXDOMAIN » d’un fournisseur d’accès ?) ; utiliser votre propre résolveur`,
  'mail.dnsbl.noResolver':
    'aucun résolveur : définissez `resolver`, ou donnez-en un à la machine dans /etc/resolv.conf',

  // mail.dns
  'mail.dns.nothing': 'rien à vérifier : définissez options.domains (et sending_ips, dkim_selectors)',
  'mail.dns.allOk': (p) => `${count('fr', p.n, 'constat', 'constats')}, tous OK (${p.domains})`,
  'mail.dns.finding': (p) => `${p.subject} : ${p.text}`,
  'mail.dns.andMore': (p) => ` (et ${p.n} de plus)`,
  'mail.dns.rcode': (p) => `la requête ${p.type}${p.name ? ` pour ${p.name}` : ''} a répondu ${p.rcode}`,
  'mail.dns.mx.nxdomain': (p) =>
    `${p.domain} n’existe pas dans le DNS (NXDOMAIN) : aucun courrier ne peut l’atteindre`,
  'mail.dns.mx.none': (p) =>
    `${p.domain} n’a pas d’enregistrement MX : les expéditeurs se rabattent sur son enregistrement A, ce qui est rarement voulu`,
  'mail.dns.mx.null': (p) => `${p.domain} n’accepte aucun courrier (MX nul)`,
  'mail.dns.mx.ok': (p) => `MX ${p.pref} ${p.exchange} → ${p.addrs} (adresse trouvée)`,
  'mail.dns.mx.noAddress': (p) =>
    `MX ${p.pref} ${p.exchange} n’a pas d’adresse (A/AAAA) : les expéditeurs ne peuvent pas lui livrer`,
  'mail.dns.spf.none': (p) =>
    `${p.domain} ne publie pas d’enregistrement SPF : les destinataires ne distinguent pas votre courrier des contrefaçons`,
  'mail.dns.spf.many': (p) =>
    `${p.domain} publie ${p.n} enregistrements SPF : les destinataires le traitent comme une erreur (permerror) ; fusionnez-les en un seul`,
  'mail.dns.spf.lookups': (p) =>
    `l’enregistrement SPF demande ${p.n} requêtes DNS (includes comptés) : plus de 10 est une erreur (permerror) pour les destinataires ; aplatissez les includes`,
  'mail.dns.spf.plusAll':
    'l’enregistrement SPF finit par +all : il permet à n’importe qui d’envoyer en votre nom',
  'mail.dns.spf.ok': (p) =>
    `enregistrement SPF valide, ${count('fr', p.n, 'requête DNS', 'requêtes DNS')} sur 10`,
  'mail.dns.spf.invalid': (p) =>
    `l’enregistrement SPF ${p.domain ? `de ${p.domain}` : 'du domaine'} est invalide : ${p.error}`,
  'mail.dns.spf.unreadable': (p) =>
    `impossible de lire l’enregistrement SPF de ${p.domain} (inclus par ${p.by || 'le domaine'})`,
  'mail.dns.spf.includedNone': (p) =>
    `${p.domain} (inclus par ${p.by || 'le domaine'}) ne publie pas d’enregistrement SPF : les destinataires le traitent comme une erreur`,
  'mail.dns.spf.includedMany': (p) =>
    `${p.domain} (inclus par ${p.by || 'le domaine'}) publie ${p.n} enregistrements SPF`,
  'mail.dns.spf.notSpf': 'ne commence pas par v=spf1',
  'mail.dns.spf.unknownTerm': (p) => `terme inconnu « ${p.word} »`,
  'mail.dns.spf.needsDomain': (p) => `« ${p.word} » demande un domaine`,
  'mail.dns.spf.needsAddress': (p) => `« ${p.word} » demande une adresse`,
  'mail.dns.spf.redirects': 'plus d’un redirect=',
  'mail.dns.dmarc.none': (p) =>
    `${p.domain} ne publie pas d’enregistrement DMARC (${p.name}) : les destinataires n’appliquent aucune politique aux contrefaçons, et vous ne recevez aucun rapport`,
  'mail.dns.dmarc.many': (p) =>
    `${p.name} contient ${p.n} enregistrements DMARC : les destinataires les ignorent tous`,
  'mail.dns.dmarc.invalid': (p) => `l’enregistrement DMARC est invalide : ${p.error}`,
  'mail.dns.dmarc.policy': (p) =>
    `politique DMARC p=${p.policy} : ${
      p.policy === 'none'
        ? 'les destinataires signalent seulement les contrefaçons, ils les livrent quand même'
        : p.policy === 'quarantine'
          ? 'les contrefaçons vont en spam'
          : 'les contrefaçons sont refusées'
    }${p.min ? ` (au moins ${p.min} attendu)` : ''}`,
  'mail.dns.dmarc.notDmarc': 'ne commence pas par v=DMARC1',
  'mail.dns.dmarc.noPolicy': 'pas de politique (p=)',
  'mail.dns.dmarc.unknownPolicy': (p) => `politique inconnue p=${p.policy}`,
  'mail.dns.dkim.noKey': (p) =>
    `le sélecteur DKIM ${p.selector} ne publie aucune clé en ${p.name} : le courrier signé avec lui échoue à DKIM`,
  'mail.dns.dkim.invalid': (p) =>
    `sélecteur DKIM ${p.selector} : ${p.error}${p.revoked ? ' : le courrier signé avec lui échoue à DKIM' : ''}`,
  'mail.dns.dkim.weak': (p) =>
    `sélecteur DKIM ${p.selector} : RSA ${p.bits} bits, les destinataires ignorent les clés de moins de 1024`,
  'mail.dns.dkim.ok': (p) =>
    `le sélecteur DKIM ${p.selector} publie une clé ${p.type}${p.bits ? ` de ${p.bits} bits` : ''}`,
  'mail.dns.dkim.version': (p) => `v=${p.v}, et non DKIM1`,
  'mail.dns.dkim.noP': 'pas de clé (p=)',
  'mail.dns.dkim.revoked': 'la clé est révoquée (p= vide)',
  'mail.dns.dkim.ed25519Size': (p) => `une clé ed25519 doit faire 32 octets, pas ${p.n}`,
  'mail.dns.dkim.unknownType': (p) => `type de clé inconnu k=${p.type}`,
  'mail.dns.dkim.badKey': 'la clé (p=) n’est pas une clé publique valide',
  'mail.dns.ptr.none': (p) =>
    `${p.ip} n’a pas de DNS inverse (PTR) : beaucoup de destinataires refusent son courrier`,
  'mail.dns.ptr.ok': (p) => `${p.ip} → ${p.host} → ${p.ip} (DNS inverse confirmé dans les deux sens)`,
  'mail.dns.ptr.mismatch': (p) =>
    `le PTR de ${p.ip} indique ${p.ptrs}, mais ce nom ne renvoie pas à ${p.ip} : les destinataires voient un expéditeur qui semble contrefait`,
};
