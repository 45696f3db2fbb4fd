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
};
