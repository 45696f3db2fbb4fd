import { stringify } from 'yaml';
import { type InitLang, STARTER_ROUTINES, type StarterRoutine } from './init-routines.js';

export type { InitLang } from './init-routines.js';

/** A YAML scalar: plain when that is safe, quoted otherwise (the yaml package decides). */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

const HEADER: Record<InitLang, string> = {
  en: `# ronde.yaml — written by \`ronde init\`. Edit it, keep it in git.
#
# Routines are the team's recurring human duties. Each one has a cadence:
#   every: 1w        counted from the last sign-off (Nd, Nw, Nmo, Ny; 1mo after Jan 31 is Feb 28)
#   cron: "0 9 1 * *"  calendar duties: due at the first occurrence after the last sign-off
# A routine never signed off is due from the day it appears here.
# It shows as "due soon" in the last 15 % of its cadence (at most 7 days; \`due_soon: 3d\` to change),
# "due" on the due day, "overdue" after. Sign off with (planned):
#   ronde done ID --note "what you did" [--item N…] [--by NAME]
# \`checks:\` links the automated checks that back a routine (\`apt.pending\`, \`apt.pending@tag:web\`).
`,
  fr: `# ronde.yaml — écrit par \`ronde init\`. À modifier et à garder dans git.
#
# Les routines sont les tâches humaines récurrentes de l'équipe. Chacune a une cadence :
#   every: 1w        comptée depuis la dernière validation (Nd, Nw, Nmo, Ny ; 1mo après le 31 janvier = 28 février)
#   cron: "0 9 1 * *"  tâches de calendrier : due à la première échéance après la dernière validation
# Une routine jamais faite est due dès qu'elle apparaît ici.
# Elle passe « bientôt due » dans les derniers 15 % de sa cadence (7 jours au plus ; \`due_soon: 3d\` pour changer),
# « due » le jour dit, « en retard » ensuite. Pour la valider (prévu) :
#   ronde done ID --note "ce que tu as fait" [--item N…] [--by NOM]
# \`checks:\` relie les vérifications automatiques qui l'appuient (\`apt.pending\`, \`apt.pending@tag:web\`).
`,
};

const GENERAL: Record<InitLang, string> = {
  en: `# Language of posts, e-mails, reminders and command output: en or fr (default: the locale).
language: en

# IANA time zone of the cadences and reminders (default: the system's).
# timezone: Europe/Paris

# The machines to check. With only this entry, ronde checks the machine it runs on.
hosts:
  - name: __HOST__
    local: true
  # - name: web1
  #   address: web1.example.org
  #   tags: [web]
  #   ssh: { user: ronde }

# No \`checks:\` key: the zero-config checks (apt.pending, system.reboot, system.disk,
# system.units, tls.files, docker.disk, docker.image_age) run on every host. To choose them yourself, keep at least
# those the routines below link (\`ronde config validate\` names any link left dangling):
__CHECKS__
# The people who share the routines; ronde suggests who is next (the one idle for longest).
# team:
#   - name: alice
#     mattermost: alice
#     email: alice@example.org
#   - name: bob
#     mattermost: bob
`,
  fr: `# Langue des messages, e-mails, rappels et de la sortie des commandes : en ou fr (par défaut : la locale).
language: fr

# Fuseau horaire IANA des cadences et des rappels (par défaut : celui du système).
# timezone: Europe/Paris

# Les machines à vérifier. Avec cette seule entrée, ronde vérifie la machine où il tourne.
hosts:
  - name: __HOST__
    local: true
  # - name: web1
  #   address: web1.example.org
  #   tags: [web]
  #   ssh: { user: ronde }

# Pas de clé \`checks:\` : les vérifications par défaut (apt.pending, system.reboot, system.disk,
# system.units, tls.files, docker.disk, docker.image_age) tournent sur chaque hôte. Pour les choisir soi-même, garder au moins
# celles que relient les routines ci-dessous (\`ronde config validate\` signale tout lien orphelin) :
__CHECKS__
# Les membres qui se partagent les routines ; ronde propose qui est le suivant (celui qui n'a rien fait depuis le plus longtemps).
# team:
#   - name: alice
#     mattermost: alice
#     email: alice@example.org
#   - name: bob
#     mattermost: bob
`,
};

const ROUTINES_INTRO: Record<InitLang, string> = {
  en: '# The routines of the wiki page (R1–R13). Link your own wiki pages in the descriptions.',
  fr: '# Les routines de la page du wiki (R1–R13). Mettez les liens vers vos pages de wiki dans les descriptions.',
};

function renderRoutine(r: StarterRoutine, lang: InitLang, first: boolean): string {
  const t = r[lang];
  const lines: string[] = [];
  lines.push(`  - id: ${r.id}`);
  lines.push(`    title: ${scalar(t.title)}`);
  lines.push('    description: |');
  lines.push(`      ${t.description}`);
  lines.push(`    every: ${r.every}`);
  lines.push('    checklist:');
  for (const item of t.checklist) lines.push(`      - ${scalar(item)}`);
  if (r.checks.length > 0) lines.push(`    checks: [${r.checks.join(', ')}]`);
  if (t.future) lines.push(`    # ${t.future}`);
  if (r.toConfigure?.length) {
    const kinds = r.toConfigure.join(', ');
    const one = r.toConfigure.length === 1;
    lines.push(
      lang === 'fr'
        ? `    # Une fois ${kinds} ${one ? 'configuré' : 'configurés'} dans checks: (exemple en haut), ${one ? 'le' : 'les'} relier :`
        : `    # Once ${kinds} ${one ? 'is' : 'are'} configured in checks: (example at the top), link ${one ? 'it' : 'them'}:`,
    );
    lines.push(`    # checks: [${[...r.checks, ...r.toConfigure].join(', ')}]`);
  }
  if (first)
    lines.push(
      lang === 'fr'
        ? '    # assignee: alice   # un membre de `team:`'
        : '    # assignee: alice   # a member of `team:`',
    );
  return lines.join('\n');
}

/**
 * The commented `checks:` example: exactly the kinds the starter routines
 * link, so uncommenting it never leaves a routine pointing at nothing.
 */
function checksExample(host: string): string {
  const linked = [...new Set(STARTER_ROUTINES.flatMap((r) => r.checks))];
  const configured = [...new Set(STARTER_ROUTINES.flatMap((r) => r.toConfigure ?? []))];
  return (
    [
      '# checks:',
      ...linked.flatMap((k) => [`#   - kind: ${k}`, '#     on: all']),
      // Asked over the network from ronde's machine: on one host, not on every host.
      ...configured.flatMap((k) => [
        `#   - kind: ${k}`,
        `#     on: ${host}`,
        `#     options: ${EXAMPLE_OPTIONS[k] ?? '{}'}`,
      ]),
    ].join('\n') + '\n'
  );
}

/** Example options of the kinds that need some (documentation addresses, RFC 5737 / 2606). */
const EXAMPLE_OPTIONS: Record<string, string> = {
  'mail.dnsbl': '{ addresses: ["192.0.2.25"], domains: [example.org], resolver: ["127.0.0.1"] }',
  'mail.dns': '{ domains: [example.org], sending_ips: ["192.0.2.25"], dkim_selectors: [mail] }',
  'tls.endpoint': '{ endpoints: ["mail.example.org:25", "mail.example.org:993"] }',
  'dns.zonemaster': '{ domains: [example.org] }',
  'dns.dnssec': '{ zones: [example.org] }',
  'access.review':
    '{ source: ldap, ldap: { url: "ldaps://ldap.example.org", bind_dn: "cn=ronde,dc=example,dc=org", password: "${pass:infra/ldap-ronde}", base: "ou=people,dc=example,dc=org" } }',
  'credentials.rotation': '{ store: /home/alice/.password-store, entries: ["root/*"], max_age: 183d }',
  'docs.coverage': '{ url: "https://wiki.example.org/", user: ronde, password: "${env:WIKI_PASSWORD}" }',
  'proxmox.updates': '{ url: "https://pve1.example.org:8006", token: "${file:/etc/ronde/pve-token}" }',
  'alerting.health': '{ url: "http://127.0.0.1:9090", watchdog: Watchdog }',
  'prometheus.query':
    '{ url: "http://127.0.0.1:9090", query: node_filesystem_avail_bytes, direction: below, full_at: 0, window: 3d, step: 1h, labels: [instance, mountpoint] }',
  'freshness.metric': '{ url: "http://127.0.0.1:9090", selector: node_time_seconds, max_age: 10m }',
  'gitlab.issues':
    '{ url: "https://gitlab.example.org", token: "${env:GITLAB_TOKEN}", projects: [team/infra] }',
};

/**
 * The starter `ronde.yaml` of `ronde init`, commented, in English or French.
 * `hostName` names the local host (the machine's name reads better in results than "local").
 */
export function renderStarterConfig(lang: InitLang, hostName = 'local'): string {
  const name = /^[A-Za-z0-9._-]+$/.test(hostName) ? hostName : 'local';
  const routines = STARTER_ROUTINES.map((r, i) => renderRoutine(r, lang, i === 0)).join('\n\n');
  const general = GENERAL[lang].replace('__HOST__', name).replace('__CHECKS__', checksExample(name));
  return `${HEADER[lang]}\n${general}\n${ROUTINES_INTRO[lang]}\nroutines:\n${routines}\n`;
}
