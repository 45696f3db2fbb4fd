/*
 * The words of `ronde ack`, `ronde silence` and `ronde maintenance`
 * (src/cli/covers.ts): their --help and what they print, and the refusals of
 * the actions they share with the page (src/web/cover-actions.ts).
 */
export const en = {
  'cli.ack.help.summary': 'acknowledge a problem: known, being handled (no more messages about it)',
  'cli.ack.help.description':
    'Stops the announcements of one check on one host until it recovers (then the\n' +
    'acknowledgement clears itself) or until --for runs out (then, if it is still\n' +
    'not OK, it is announced again). The state is never hidden: pages and\n' +
    '`ronde check` still show it, with the acknowledgement. Audited.',
  'cli.ack.help.host': 'the host',
  'cli.ack.help.check': 'the check name (see `ronde check`)',
  'cli.ack.help.reason': 'why it is known ("disk ordered, until Friday"); required',
  'cli.ack.help.for': 'expire after this long (4d, 12h); default: until it recovers',
  'cli.ack.help.clear': 'end the acknowledgement now',
  'cli.covers.help.by': 'the team member (default as for `ronde done`)',
  'cli.ack.help.examples':
    '\nExamples:\n  ronde ack db1 system.disk -r "disk ordered, until Friday"\n  ronde ack db1 system.disk --clear',
  'cli.ack.ended': (p: { check: string; host: string }) =>
    `Acknowledgement of ${p.check} on ${p.host} ended.`,
  'cli.ack.reasonRequired': '--reason is required: say why it is known',
  'cli.ack.done': (p: { id: string; check: string; host: string; for: string }) =>
    `Acknowledged #${p.id}: ${p.check} on ${p.host} (${p.for ? `for ${p.for}` : 'until it recovers'}).`,

  'cli.silence.help.summary': 'silence what a selector covers for a while (add, end, list)',
  'cli.maintenance.help.summary': 'maintenance windows: no message for a host during work (start, end, list)',
  'cli.silence.help.start':
    'open a silence over a selector: host=NAME, tag=TAG, kind=KIND, check=NAME (comma-separated, all must match)',
  'cli.maintenance.help.start':
    'open a maintenance window over a selector: host=NAME, tag=TAG, kind=KIND, check=NAME (comma-separated, all must match)',
  'cli.covers.help.selector': 'e.g. host=web1 or tag=web,kind=apt.pending',
  'cli.covers.help.reason': 'why',
  'cli.covers.help.for': 'how long (2h, 1d)',
  'cli.covers.help.endWhenOk': 'end early once everything it covers is OK again',
  'cli.silence.help.end': 'end a silence now',
  'cli.maintenance.help.end': 'end a maintenance window now',
  'cli.silence.help.id': "the silence's number (see list)",
  'cli.maintenance.help.id': "the maintenance window's number (see list)",
  'cli.covers.help.member': 'the team member',
  'cli.silence.help.list': 'the silences in force, then the last ended ones',
  'cli.maintenance.help.list':
    'the maintenance windows in force (and the recurring ones of ronde.yaml), then the last ended ones',
  'cli.silence.opened': (p: { id: string; selector: string; until: string }) =>
    `Silence #${p.id} on ${p.selector} until ${p.until}.`,
  'cli.maintenance.opened': (p: { id: string; selector: string; until: string }) =>
    `Maintenance #${p.id} on ${p.selector} until ${p.until}.`,
  'cli.silence.ended': (p: { id: string }) => `Silence #${p.id} ended.`,
  'cli.maintenance.ended': (p: { id: string }) => `Maintenance #${p.id} ended.`,
  'cli.silence.none': 'No silence in force.',
  'cli.maintenance.none': 'No maintenance window in force.',
  'cli.covers.state.open': 'open',
  'cli.covers.state.ended': 'ended',
  'cli.covers.state.over': 'over',
  'cli.covers.state.later': 'later',
  'cli.covers.until': (p: { at: string }) => `until ${p.at}`,
  // Refusals of the cover actions (src/web/cover-actions.ts): the API and the chat say them in English.
  'cover.error.duration': (p: { s: string }) => `"${p.s}": expected a duration such as 2h, 4d, 1w`,
  'cover.error.range': (p: { s: string }) => `"${p.s}": between a second and a year`,
  'cover.error.ackReason': 'an acknowledgement needs a reason ("disk ordered, until Friday")',
  'cover.error.noCheck': (p: { check: string; target: string }) => `no check ${p.check} on ${p.target}`,
  'cover.error.isOk': (p: { check: string; target: string }) =>
    `${p.check} on ${p.target} is OK: nothing to acknowledge`,
  'cover.error.notAcked': (p: { check: string; target: string }) =>
    `${p.check} on ${p.target} is not acknowledged`,
  'cover.error.silence.reason': 'a silence needs a reason',
  'cover.error.maintenance.reason': 'a maintenance needs a reason',
  'cover.error.silence.end': 'a silence needs an end: give a duration (2h, 1d)',
  'cover.error.maintenance.end': 'a maintenance needs an end: give a duration (2h, 1d)',
  'cover.error.silence.none': (p: { id: string }) => `no silence #${p.id} in force`,
  'cover.error.maintenance.none': (p: { id: string }) => `no maintenance #${p.id} in force`,
  // src/notify/covers.ts parseSelector: `ronde silence add`, `ronde maintenance start`, the API.
  'cover.error.selector': (p: { part: string }) =>
    `"${p.part}": expected host=NAME, tag=TAG, kind=KIND or check=NAME, comma-separated`,
  'cover.error.emptySelector': 'an empty selector would cover nothing: give host=, tag=, kind= or check=',
};

export const fr: typeof en = {
  'cli.ack.help.summary':
    'prendre un problème en compte : connu, en cours de traitement (plus de messages à son sujet)',
  'cli.ack.help.description':
    'Arrête les annonces d’une vérification sur un hôte jusqu’à ce qu’elle redevienne\n' +
    'OK (la prise en compte s’efface alors d’elle-même) ou jusqu’à la fin de --for\n' +
    '(alors, si elle n’est toujours pas OK, elle est annoncée de nouveau). L’état\n' +
    'n’est jamais caché : les pages et `ronde check` le montrent toujours, avec la\n' +
    'prise en compte. Tracé dans l’audit.',
  'cli.ack.help.host': 'l’hôte',
  'cli.ack.help.check': 'le nom de la vérification (voir `ronde check`)',
  'cli.ack.help.reason': 'pourquoi c’est connu (« disque commandé, jusqu’à vendredi ») ; obligatoire',
  'cli.ack.help.for': 'expire après cette durée (4d, 12h) ; par défaut : jusqu’au retour à OK',
  'cli.ack.help.clear': 'mettre fin à la prise en compte maintenant',
  'cli.covers.help.by': 'le membre de l’équipe (par défaut comme pour `ronde done`)',
  'cli.ack.help.examples':
    '\nExemples :\n  ronde ack db1 system.disk -r "disque commandé, jusqu’à vendredi"\n  ronde ack db1 system.disk --clear',
  'cli.ack.ended': (p) => `Prise en compte de ${p.check} sur ${p.host} terminée.`,
  'cli.ack.reasonRequired': '--reason est obligatoire : dites pourquoi c’est connu',
  'cli.ack.done': (p) =>
    `Pris en compte #${p.id} : ${p.check} sur ${p.host} (${p.for ? `pour ${p.for}` : 'jusqu’au retour à OK'}).`,

  'cli.silence.help.summary': 'mettre en silence ce que couvre un sélecteur, pour un temps (add, end, list)',
  'cli.maintenance.help.summary':
    'fenêtres de maintenance : aucun message pour un hôte pendant les travaux (start, end, list)',
  'cli.silence.help.start':
    'ouvrir un silence sur un sélecteur : host=NOM, tag=TAG, kind=TYPE, check=NOM (séparés par des virgules, tous doivent correspondre)',
  'cli.maintenance.help.start':
    'ouvrir une fenêtre de maintenance sur un sélecteur : host=NOM, tag=TAG, kind=TYPE, check=NOM (séparés par des virgules, tous doivent correspondre)',
  'cli.covers.help.selector': 'par exemple host=web1 ou tag=web,kind=apt.pending',
  'cli.covers.help.reason': 'pourquoi',
  'cli.covers.help.for': 'pour combien de temps (2h, 1d)',
  'cli.covers.help.endWhenOk': 'finir plus tôt dès que tout ce qu’elle couvre est de nouveau OK',
  'cli.silence.help.end': 'mettre fin à un silence maintenant',
  'cli.maintenance.help.end': 'mettre fin à une fenêtre de maintenance maintenant',
  'cli.silence.help.id': 'le numéro du silence (voir `ronde silence list`)',
  'cli.maintenance.help.id': 'le numéro de la fenêtre de maintenance (voir `ronde maintenance list`)',
  'cli.covers.help.member': 'le membre de l’équipe',
  'cli.silence.help.list': 'les silences en vigueur, puis les derniers terminés',
  'cli.maintenance.help.list':
    'les fenêtres de maintenance en vigueur (et les récurrentes de ronde.yaml), puis les dernières terminées',
  'cli.silence.opened': (p) => `Silence #${p.id} sur ${p.selector} jusqu’au ${p.until}.`,
  'cli.maintenance.opened': (p) => `Maintenance #${p.id} sur ${p.selector} jusqu’au ${p.until}.`,
  'cli.silence.ended': (p) => `Silence #${p.id} terminé.`,
  'cli.maintenance.ended': (p) => `Maintenance #${p.id} terminée.`,
  'cli.silence.none': 'Aucun silence en vigueur.',
  'cli.maintenance.none': 'Aucune fenêtre de maintenance en vigueur.',
  'cli.covers.state.open': 'ouverte',
  'cli.covers.state.ended': 'terminée',
  'cli.covers.state.over': 'échue',
  'cli.covers.state.later': 'à venir',
  'cli.covers.until': (p) => `jusqu’au ${p.at}`,
  'cover.error.duration': (p) => `« ${p.s} » : attendu une durée comme 2h, 4d, 1w`,
  'cover.error.range': (p) => `« ${p.s} » : entre une seconde et un an`,
  'cover.error.ackReason': 'une prise en compte demande une raison (« disque commandé, jusqu’à vendredi »)',
  'cover.error.noCheck': (p) => `aucune vérification ${p.check} sur ${p.target}`,
  'cover.error.isOk': (p) => `${p.check} sur ${p.target} est OK : rien à prendre en compte`,
  'cover.error.notAcked': (p) => `${p.check} sur ${p.target} n’est pas pris en compte`,
  'cover.error.silence.reason': 'un silence demande une raison',
  'cover.error.maintenance.reason': 'une maintenance demande une raison',
  'cover.error.silence.end': 'un silence demande une fin : donnez une durée (2h, 1d)',
  'cover.error.maintenance.end': 'une maintenance demande une fin : donnez une durée (2h, 1d)',
  'cover.error.silence.none': (p) => `aucun silence #${p.id} en vigueur`,
  'cover.error.maintenance.none': (p) => `aucune maintenance #${p.id} en vigueur`,
  'cover.error.selector': (p) =>
    `« ${p.part} » : attendu host=NOM, tag=ÉTIQUETTE, kind=TYPE ou check=NOM, séparés par des virgules`,
  'cover.error.emptySelector': 'un sélecteur vide ne couvrirait rien : donnez host=, tag=, kind= ou check=',
};
