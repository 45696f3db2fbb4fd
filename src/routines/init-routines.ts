/**
 * The routines R1–R13 of the team's wiki page (docs: mission.md), as `ronde init`
 * writes them. The French texts stay close to the wiki's own words, so a team that
 * knows its page recognises it.
 */

export type InitLang = 'en' | 'fr';

interface Texts {
  title: string;
  description: string;
  checklist: string[];
  /** A comment above the routine: kinds to configure and link, or checks that will back it once they exist. */
  future?: string;
}

export interface StarterRoutine {
  id: string;
  every: string;
  /** Only check kinds that exist today and run without options (the starter config has no `checks:`). */
  checks: string[];
  /**
   * Kinds that back the routine once configured (they need names and addresses): the
   * routine shows the `checks:` line to uncomment, the config's commented example has them.
   */
  toConfigure?: string[];
  en: Texts;
  fr: Texts;
}

export const STARTER_ROUTINES: readonly StarterRoutine[] = [
  {
    id: 'vm-updates',
    every: '1w',
    checks: ['apt.pending', 'system.reboot'],
    en: {
      title: 'Update every VM',
      description:
        'Go over every virtual machine and update it. Preferably at night, with a backup first and the team warned.',
      checklist: [
        'Warn the tech team and make sure a recent backup exists',
        'On each VM: apt update && apt full-upgrade',
        'If a new kernel was installed, reboot the VM (the Proxmox web UI can do it; credentials in pass)',
        'Check that the services came back',
      ],
      future:
        '`ronde upgrade run` does the checklist host by host and signs this off with `upgrade: { routine: vm-updates }` (docs/upgrade.md)',
    },
    fr: {
      title: 'Mettre à jour toutes les VM',
      description:
        'Passer sur toutes les machines virtuelles et les mettre à jour. Plutôt dans la nuit, avec un backup et en prévenant l’équipe technique pour éviter la panique.',
      checklist: [
        'Prévenir l’équipe technique et vérifier qu’un backup récent existe',
        'Sur chaque VM : apt update && apt full-upgrade',
        'Si un nouveau noyau est installé, redémarrer la VM (interface de Proxmox, identifiants dans le pass)',
        'Vérifier que les services sont revenus',
      ],
      future:
        '`ronde upgrade run` fait la liste hôte par hôte et la valide avec `upgrade: { routine: vm-updates }` (docs/upgrade.md)',
    },
  },
  {
    id: 'proxmox-updates',
    every: '1mo',
    checks: [],
    toConfigure: ['proxmox.updates'],
    en: {
      title: 'Review Proxmox updates',
      description:
        'Update the hypervisors only for a major or important security release: they hold the real data on the real disks.',
      checklist: [
        'Read the Proxmox changelog',
        'Decide whether the release matters for us (major or security)',
        'If so, plan the update with the tech team',
      ],
      future:
        'proxmox.updates shows each node’s pve-manager and kernel, pending updates with their changelog lines, and nodes at different versions',
    },
    fr: {
      title: 'Suivre les mises à jour de Proxmox',
      description:
        'On réserve la mise à jour des hyperviseurs à une version majeure ou de sécurité importante : si ça foire, c’est chaud, ce sont les vraies données sur les vrais disques durs.',
      checklist: [
        'Consulter le changelog de Proxmox',
        'Voir si c’est important pour nous de mettre à jour (majeure ou sécurité)',
        'Si oui, la planifier avec l’équipe technique',
      ],
      future:
        'proxmox.updates montre le pve-manager et le noyau de chaque nœud, les mises à jour en attente avec les lignes de leur changelog, et les nœuds à des versions différentes',
    },
  },
  {
    id: 'service-versions',
    every: '1mo',
    checks: ['docker.image_age'],
    en: {
      title: 'Compare service versions with upstream and rebuild images',
      description:
        'Public services (Mattermost, Etherpad, Wekan) are often looked at; internal ones (LDAP, mail server…) are forgotten. Rebuild images regularly even without a new release, for the base image’s security fixes.',
      checklist: [
        'Look at what runs in production (service graphs)',
        'Pick a service; check the update bot’s posts on Mattermost (in:team-technique from:maj_bot)',
        'If a new version is out, update the files in the service’s repository',
        'In any case, build the new image and push it to the registry',
        'Restart the service',
      ],
      future: 'configure docker.updates (running images against upstream releases), then link it here',
    },
    fr: {
      title: 'Comparer les versions en production avec les nouvelles versions',
      description:
        'On regarde souvent les services publics (Mattermost, Etherpad, Wekan) ; les services internes (LDAP, serveur mail…) sont souvent oubliés. Reconstruire les images régulièrement, même sans nouvelle version, pour les mises à jour de sécurité des images de base.',
      checklist: [
        'Prendre les graphes des services pour savoir ce qui tourne',
        'Choisir un service à mettre à jour ; voir les messages du bot (in:team-technique from:maj_bot)',
        'Si une nouvelle version est sortie, mettre à jour les fichiers du dépôt associé au service',
        'Dans tous les cas, construire la nouvelle image et la pousser sur le registre',
        'Relancer le service',
      ],
      future: 'configurer docker.updates (images en production face aux versions amont), puis la relier ici',
    },
  },
  {
    id: 'mail-blacklists',
    every: '1w',
    checks: [],
    toConfigure: ['mail.dnsbl', 'mail.dns'],
    en: {
      title: 'Check the mail server is not blacklisted',
      description: 'The mail server is a delicate service: a blacklisting is best found early.',
      checklist: ['Look the mail server’s IP addresses and domain up in the usual blacklists'],
      future:
        'mail.dnsbl asks the blocklists (use your own resolver), mail.dns checks MX, PTR, SPF, DMARC, DKIM',
    },
    fr: {
      title: 'Vérifier que le serveur mail n’est pas sur liste noire',
      description:
        'Le brave serveur mail est un service délicat : on détecte ainsi rapidement un problème de blacklist.',
      checklist: [
        'Chercher les adresses IP et le domaine du serveur mail dans les listes noires habituelles',
      ],
      future:
        'mail.dnsbl interroge les listes noires (avec votre propre résolveur), mail.dns vérifie MX, PTR, SPF, DMARC, DKIM',
    },
  },
  {
    id: 'metrics-review',
    every: '1w',
    checks: ['system.disk', 'system.units'],
    toConfigure: ['alerting.health', 'prometheus.query', 'freshness.metric'],
    en: {
      title: 'Look at the Grafana dashboards',
      description: 'Even with alerting in place, look by hand from time to time: the alerting may be broken.',
      checklist: [
        'System metrics of the VMs and hypervisors: disks not filling up, CPU not struggling',
        'Proxmox metrics',
        'Network metrics',
      ],
      future:
        'alerting.health checks that the alerting itself works (rules, targets, Watchdog, Alertmanager); prometheus.query says which disk is full in N days; freshness.metric that the graphs are not from yesterday',
    },
    fr: {
      title: 'Faire un tour sur le Grafana',
      description:
        'Même si de l’alerting est mis en place, c’est une bonne idée d’aller voir manuellement de temps en temps. Si ça se trouve, l’alerting est cassé…',
      checklist: [
        'Métriques système des VM et des hyperviseurs : les disques n’explosent pas, le CPU ne ploie pas',
        'Métriques Proxmox',
        'Métriques réseau',
      ],
      future:
        'alerting.health vérifie que l’alerting lui-même marche (règles, cibles, Watchdog, Alertmanager) ; prometheus.query dit quel disque sera plein dans N jours ; freshness.metric que les graphes ne datent pas d’hier',
    },
  },
  {
    id: 'backups',
    every: '1w',
    checks: [],
    en: {
      title: 'Check the backups',
      description:
        'Backups are vital. Production data nearly got lost because backups had been failing for a month unnoticed.',
      checklist: [
        'Proxmox VM backups: look at the dates and sizes in the backup folders',
        'Database dumps: look at the dates and sizes',
      ],
      future:
        'configure backup.files, backup.borg, backup.restic or proxmox.backups per backup set, then link them here',
    },
    fr: {
      title: 'Vérifier les backups',
      description:
        'Les backups, c’est franchement vital. Des données de production ont failli être perdues à cause de backups défaillants depuis un mois, sans qu’on s’en rende compte.',
      checklist: [
        'Backups des machines virtuelles (Proxmox) : regarder leur heure et leur taille dans les dossiers',
        'Backups des bases de données : regarder leur heure et leur taille',
      ],
      future:
        'configurer backup.files, backup.borg, backup.restic ou proxmox.backups par jeu de sauvegardes, puis les relier ici',
    },
  },
  {
    id: 'docker-cleanup',
    every: '1mo',
    checks: ['docker.disk', 'system.disk', 'system.units'],
    en: {
      title: 'Clean up unused Docker resources',
      description: 'Docker takes space. Clean carefully on production machines.',
      checklist: [
        'Clean unused Docker resources as the wiki explains',
        'Check that everything that should be running is running',
      ],
      future:
        'configure docker.services (or run `ronde docker approve HOST`), then link it: expected services up',
    },
    fr: {
      title: 'Nettoyer les ressources Docker inutilisées',
      description: 'Docker prend de la place. À utiliser prudemment sur les machines de production.',
      checklist: [
        'Nettoyer les ressources inutilisées comme l’explique le wiki',
        'Bien vérifier que tout ce qui doit être allumé est allumé',
      ],
      future:
        'configurer docker.services (ou lancer `ronde docker approve HÔTE`), puis la relier : services attendus en marche',
    },
  },
  {
    id: 'certificates',
    every: '1mo',
    checks: ['tls.files'],
    toConfigure: ['tls.endpoint'],
    en: {
      title: 'Check the certificates',
      description:
        'Generated certificates are valid for one year. A service graph that is not from yesterday probably means an expired certificate.',
      checklist: [
        'Check the expiry dates of the certificates',
        'Check the service graphs are from yesterday',
      ],
      future:
        'tls.endpoint reads the certificate each service presents (STARTTLS too); freshness.url dates the graphs',
    },
    fr: {
      title: 'Vérifier les certificats',
      description:
        'Les certificats générés sont valables un an. Si la date des graphes des services n’est pas hier, c’est probablement un certificat expiré.',
      checklist: [
        'Vérifier la date d’expiration des certificats',
        'Regarder la date des graphes des services',
      ],
      future:
        'tls.endpoint lit le certificat que présente chaque service (STARTTLS compris) ; freshness.url date les graphes',
    },
  },
  {
    id: 'dns-zones',
    every: '1mo',
    checks: [],
    toConfigure: ['dns.zonemaster', 'dns.dnssec'],
    en: {
      title: 'Check the DNS zones with Zonemaster',
      description: 'Run Zonemaster on each of our domains.',
      checklist: ['Run Zonemaster on each domain and read the warnings'],
      future:
        'dns.zonemaster runs zonemaster-cli per domain (new findings first), dns.dnssec watches signature expiry and the DS',
    },
    fr: {
      title: 'Vérifier les zones DNS avec Zonemaster',
      description: 'Avec l’incroyable outil Zonemaster, comme expliqué sur le wiki.',
      checklist: ['Passer chaque domaine dans Zonemaster et lire les avertissements'],
      future:
        'dns.zonemaster passe zonemaster-cli sur chaque domaine (nouveautés en premier), dns.dnssec surveille l’expiration des signatures et le DS',
    },
  },
  {
    id: 'access-review',
    every: '3mo',
    checks: [],
    toConfigure: ['access.review'],
    en: {
      title: 'Review accesses',
      description:
        'Old accesses must not linger: access to the machines gives access to personal data (Mattermost messages, pads…).',
      checklist: [
        'LDAP: the existing accounts',
        'GitLab: the members of the group',
        'pass: the keys the credentials are encrypted for',
      ],
      future:
        'access.review snapshots each source (LDAP, GitLab members, pass recipients, SSH keys); `ronde access review` shows what changed since the last approval, `ronde access approve` records it; with `done_when: checks_ok` the routine closes itself once every source is approved',
    },
    fr: {
      title: 'Revoir les accès',
      description:
        'On vérifie qu’on n’a pas de vieux accès qui traînent : l’accès aux machines donne accès à des données personnelles (messages Mattermost, pads…).',
      checklist: [
        'Le LDAP et les comptes existants',
        'Le GitLab et les membres du groupe',
        'Le pass et les clés pour lesquelles sont chiffrés les identifiants',
      ],
      future:
        'access.review photographie chaque source (LDAP, membres GitLab, destinataires du pass, clés SSH) ; `ronde access review` montre ce qui a changé depuis la dernière approbation, `ronde access approve` l’enregistre ; avec `done_when: checks_ok` la routine se clôt d’elle-même quand toutes les sources sont approuvées',
    },
  },
  {
    id: 'credential-rotation',
    every: '6mo',
    checks: [],
    toConfigure: ['credentials.rotation'],
    en: {
      title: 'Rotate the critical credentials',
      description:
        'Our rules say every critical credential changes each semester: root passwords of the machines, admin passwords of the services. A compromised root password is the whole infrastructure compromised.',
      checklist: [
        'List the critical passwords (in pass)',
        'Change them (passwd, configuration files…)',
        'Update them in pass',
        'At the very least: the root passwords',
      ],
      future:
        'credentials.rotation dates each critical pass entry from the store’s git history (never decrypting); with `done_when: checks_ok` the routine closes itself once they all changed',
    },
    fr: {
      title: 'Changer les identifiants critiques',
      description:
        'Le règlement intérieur prévoit que l’on change tous nos identifiants critiques chaque semestre : mots de passe root des machines, mots de passe d’administration des services. Un mot de passe root compromis, c’est toute l’infra de compromise.',
      checklist: [
        'Déterminer les mots de passe critiques (dans le pass)',
        'Les changer (passwd, fichier de conf…)',
        'Les mettre à jour dans le pass',
        'Si on a la flemme, au moins les mots de passe root',
      ],
      future:
        'credentials.rotation date chaque entrée critique du pass par l’historique git du pass (sans rien déchiffrer) ; avec `done_when: checks_ok` la routine se clôt d’elle-même quand toutes ont changé',
    },
  },
  {
    id: 'wiki',
    every: '1mo',
    checks: [],
    toConfigure: ['docs.coverage'],
    en: {
      title: 'Bring the wiki up to date',
      description:
        'If the whole tech team were hit by a bus tomorrow, anyone should be able to take the infrastructure over by reading the wiki. Nothing goes to production undocumented.',
      checklist: [
        'Document every change you alone know about',
        'Check that what was deployed since last time is documented',
      ],
      future:
        'docs.coverage lists the hosts, Compose projects and services without a wiki page, or whose page predates their last change',
    },
    fr: {
      title: 'Mettre à jour le wiki',
      description:
        'Si toute l’équipe technique passe sous un bus demain, n’importe qui peut reprendre l’infrastructure en lisant bien le wiki. On ne déploie rien en production sans l’avoir documenté.',
      checklist: [
        'Documenter chaque changement dont tu es le/la seul·e à être au courant',
        'Vérifier que ce qui a été déployé depuis la dernière fois est documenté',
      ],
      future:
        'docs.coverage liste les hôtes, projets Compose et services sans page de wiki, ou dont la page date d’avant leur dernier changement',
    },
  },
  {
    id: 'forgotten-issues',
    every: '1mo',
    checks: [],
    toConfigure: ['gitlab.issues'],
    en: {
      title: 'Pick up abandoned GitLab issues',
      description: 'If nothing else tempts you, there are always the abandoned issues on GitLab.',
      checklist: ['Go through the stale issues and pick one up, or close it'],
      future:
        'gitlab.issues lists the open issues idle for 90 days as suggestions (in the weekly digest, never as alerts)',
    },
    fr: {
      title: 'Reprendre les issues abandonnées sur GitLab',
      description: 'Si rien ne te tente, il reste toujours les issues abandonnées sur GitLab !',
      checklist: ['Parcourir les issues abandonnées et en reprendre une, ou la fermer'],
      future:
        'gitlab.issues propose les issues ouvertes sans activité depuis 90 jours (dans le bilan de la semaine, jamais en alerte)',
    },
  },
];
