import { count } from '../format.js';

/* The words of the dns.* kinds (src/checks/dns/). Zonemaster's own messages are quoted as it wrote them. */
export const en = {
  // dns.zonemaster
  'dns.zonemaster.line': (p: { domain: string; text: string }) => `${p.domain}: ${p.text}`,
  'dns.zonemaster.new': (p: { line: string }) => `new: ${p.line}`,
  'dns.zonemaster.ok': (p: { domains: string }) => `${p.domains}: no warning or error`,
  'dns.zonemaster.first': (p: { n: number; first: string }) =>
    `${p.n} finding${p.n === 1 ? '' : 's'}: ${p.first}`,
  'dns.zonemaster.fresh': (p: { k: number; line: string; known: number }) =>
    `${p.k} new since the last run: ${p.line}${p.known ? ` (${p.known} known)` : ''}`,
  'dns.zonemaster.nothingNew': (p: { n: number; first: string }) =>
    `nothing new since the last run (${p.n} finding${p.n === 1 ? '' : 's'}, first: ${p.first})`,

  'dns.noResolver': 'no resolver: set `resolver`, or give the machine one in /etc/resolv.conf',
  // dns.dnssec: problems said here; `details.zones[].problems` keep the English.
  'dns.dnssec.zone': (p: { zone: string; why: string }) => `${p.zone}: ${p.why}`,
  'dns.dnssec.noZones': 'no zone given: set options.zones',
  'dns.dnssec.ok': (p: { n: number; days: number; zone: string }) =>
    `${p.n} signed zone${p.n === 1 ? '' : 's'}, DS matching; earliest signature expiry in ${p.days} days (${p.zone})`,
  'dns.dnssec.andMore': (p: { n: number }) => ` (and ${p.n} more)`,
  'dns.dnssec.soaRcode': (p: { rcode: string }) =>
    `the SOA query answered ${p.rcode}${p.rcode === 'SERVFAIL' ? ' (a validating resolver fails a zone whose signatures do not verify)' : ''}`,
  'dns.dnssec.dsButUnsigned': (p: { tags: string }) =>
    `the parent publishes DS ${p.tags} but the zone is not signed: validating resolvers refuse it`,
  'dns.dnssec.noLongerSigned': (p: { at: string }) =>
    `the zone was signed (last seen ${p.at}) and is no longer: no DNSKEY, no RRSIG`,
  'dns.dnssec.unsigned': 'the zone is not signed (no DNSKEY, no RRSIG): nothing protects its answers',
  'dns.dnssec.noSignature': (p: { type: string }) =>
    `no signature over ${p.type} (the signer stopped, or the resolver strips DNSSEC records)`,
  'dns.dnssec.noKey': 'signatures but no DNSKEY: nothing can verify them',
  'dns.dnssec.expired': (p: { covers: string; tag: number; when: string }) =>
    `the ${p.covers} signature (key ${p.tag}) expired on ${p.when} UTC: validating resolvers refuse the zone`,
  'dns.dnssec.expires': (p: { covers: string; tag: number; days: number; when: string }) =>
    `the ${p.covers} signature (key ${p.tag}) expires in ${p.days} days (${p.when} UTC): is the signer re-signing?`,
  'dns.dnssec.future': (p: { covers: string; at: string }) =>
    `a ${p.covers} signature is not valid before ${p.at} (the signer's clock?)`,
  'dns.dnssec.dsRcode': (p: { rcode: string }) => `the DS query answered ${p.rcode}`,
  'dns.dnssec.noDs':
    'the parent has no DS record: the signatures are not part of the chain of trust (publish the DS at your registrar)',
  'dns.dnssec.dsMismatch': (p: { ds: string; keys: string }) =>
    `no DS at the parent matches a DNSKEY of the zone (DS ${p.ds}; keys ${p.keys}): validating resolvers refuse the zone`,
};

export const fr: typeof en = {
  // dns.zonemaster
  'dns.zonemaster.line': (p) => `${p.domain} : ${p.text}`,
  'dns.zonemaster.new': (p) => `nouveau : ${p.line}`,
  'dns.zonemaster.ok': (p) => `${p.domains} : ni avertissement ni erreur`,
  'dns.zonemaster.first': (p) => `${count('fr', p.n, 'constat', 'constats')} : ${p.first}`,
  'dns.zonemaster.fresh': (p) =>
    `${count('fr', p.k, 'nouveau constat', 'nouveaux constats')} depuis la dernière exécution : ${p.line}` +
    (p.known ? ` (${count('fr', p.known, 'déjà connu', 'déjà connus')})` : ''),
  'dns.zonemaster.nothingNew': (p) =>
    `rien de nouveau depuis la dernière exécution (${count('fr', p.n, 'constat', 'constats')}, le premier : ${p.first})`,

  'dns.noResolver':
    'aucun résolveur : définissez `resolver`, ou donnez-en un à la machine dans /etc/resolv.conf',
  // dns.dnssec
  'dns.dnssec.zone': (p) => `${p.zone} : ${p.why}`,
  'dns.dnssec.noZones': 'aucune zone donnée : définissez options.zones',
  'dns.dnssec.ok': (p) =>
    `${count('fr', p.n, 'zone signée', 'zones signées')}, DS concordant ; première expiration de signature dans ${count('fr', p.days, 'jour', 'jours')} (${p.zone})`,
  'dns.dnssec.andMore': (p) => ` (et ${p.n} de plus)`,
  'dns.dnssec.soaRcode': (p) =>
    `la requête SOA a répondu ${p.rcode}${p.rcode === 'SERVFAIL' ? ' (un résolveur validant rejette une zone dont les signatures ne se vérifient pas)' : ''}`,
  'dns.dnssec.dsButUnsigned': (p) =>
    `le parent publie le DS ${p.tags} mais la zone n’est pas signée : les résolveurs validants la refusent`,
  'dns.dnssec.noLongerSigned': (p) =>
    `la zone était signée (vue signée pour la dernière fois le ${p.at}) et ne l’est plus : ni DNSKEY, ni RRSIG`,
  'dns.dnssec.unsigned': 'la zone n’est pas signée (ni DNSKEY, ni RRSIG) : rien ne protège ses réponses',
  'dns.dnssec.noSignature': (p) =>
    `aucune signature sur ${p.type} (le signataire s’est arrêté, ou le résolveur retire les enregistrements DNSSEC)`,
  'dns.dnssec.noKey': 'des signatures mais aucune DNSKEY : rien ne peut les vérifier',
  'dns.dnssec.expired': (p) =>
    `la signature ${p.covers} (clé ${p.tag}) a expiré le ${p.when} UTC : les résolveurs validants refusent la zone`,
  'dns.dnssec.expires': (p) =>
    `la signature ${p.covers} (clé ${p.tag}) expire dans ${count('fr', p.days, 'jour', 'jours')} (${p.when} UTC) : le signataire re-signe-t-il ?`,
  'dns.dnssec.future': (p) =>
    `une signature ${p.covers} n’est pas valide avant ${p.at} (l’horloge du signataire ?)`,
  'dns.dnssec.dsRcode': (p) => `la requête DS a répondu ${p.rcode}`,
  'dns.dnssec.noDs':
    'le parent n’a pas d’enregistrement DS : les signatures ne font pas partie de la chaîne de confiance (publiez le DS chez votre bureau d’enregistrement)',
  'dns.dnssec.dsMismatch': (p) =>
    `aucun DS du parent ne correspond à une DNSKEY de la zone (DS ${p.ds} ; clés ${p.keys}) : les résolveurs validants refusent la zone`,
};
