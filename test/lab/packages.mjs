/**
 * Debian packages the test lab needs: real servers and tools, never mocks.
 * One list, used by scripts/pretest.mjs and .ci/run.
 */
export const LAB_PACKAGES = [
  'openssh-server', // sshd instances on 127.0.20.x (fleet tests)
  'openssh-client', // ssh-keygen for lab keys
  'postgresql', // the store suite runs against a real PostgreSQL too
  'monitoring-plugins-basic', // check_apt: apt.pending's counts must equal its counts
  'openssl', // test certificates for tls.files
  'sudo', // sudo -n behaviour of the targets
  'coreutils',
  'procps', // pgrep: nothing left running after a timeout
  'docker.io', // a real Docker engine for the docker.* checks and ronde docker prune
  'busybox-static', // the rootfs of the Docker lab's images (docker import)
  'docker-registry', // the real OCI registry v2 for release sources and docker.updates
  'systemd', // systemd-analyze verify of deploy/ronde.service (no systemd needs to run)
  'borgbackup', // backup.borg against real repositories (borg 1.2)
  'restic', // backup.restic against real repositories (restic 0.14)
  'knot', // Knot DNS: signed/unsigned zones and DNSBL zones, the resolver of the DNS kinds' tests
  'knot-dnsutils', // kdig and keymgr: the lab's readiness probe, DS records, an independent view
  'postfix', // SMTP STARTTLS for tls.endpoint (the lab runs it with its own config dir; see LAB_DEBCONF)
  'dovecot-imapd', // IMAP STARTTLS and IMAPS for tls.endpoint
  'dovecot-pop3d', // POP3 STLS for tls.endpoint
  // prometheus.ts (127.0.60.x): alerting.health, prometheus.query, freshness.metric and the
  // node-exporter source of apt.pending/system.reboot against the real daemons and collectors.
  'prometheus', // Prometheus 2.42: rules that fail, targets down, the Watchdog, PromQL
  'prometheus-alertmanager', // Alertmanager 0.25: the Watchdog received, silences, failing receivers
  'prometheus-node-exporter', // node-exporter 1.5: the textfile collector's metrics
  'prometheus-node-exporter-collectors', // apt_info.py: the apt and reboot metrics a host exports
  'chromium', // the team's page end to end in a real browser (test/web/e2e.test.ts, playwright-core)
  'slapd', // OpenLDAP with the ppolicy and lastbind overlays: the ldap access source, LDAP login (test/lab/slapd.ts)
  'ldap-utils', // ldapwhoami/ldapadd/ldapsearch: the slapd lab's readiness probe and an independent view
  'pass', // ${pass:} secret references, pass.recipients, credentials.rotation (test/lab/pass-store.ts)
  'gnupg', // gpg keys generated in the tests (no passphrase), one of them expired
  'git', // the password store's history: credentials.rotation reads git log
  // dokuwiki.ts (127.0.63.x): docs.coverage against the real DokuWiki 2022-07-31 XML-RPC API.
  'dokuwiki', // the wiki itself (/usr/share/dokuwiki, /etc/dokuwiki copied by the lab; see LAB_DEBCONF)
  'php-fpm', // runs DokuWiki's PHP on a unix socket (php-fpm8.2, the lab's own pool config)
  'php-xml', // DokuWiki's XML-RPC server needs PHP's XML extension
  'nginx', // the web server in front of php-fpm (own config, pid and logs; no site enabled)
  'reprepro', // the local Debian repository of the upgrade lab (test/lab/apt-hosts.ts): dummy packages v1 → v2
];

/**
 * debconf answers given before installing, so that installing the lab's packages
 * asks nothing and configures nothing on the host: postfix stays "No configuration"
 * (no /etc/postfix/main.cf, no mail system started); slapd is left unconfigured;
 * the labs run their own instances.
 */
export const LAB_DEBCONF = [
  'postfix postfix/main_mailer_type select No configuration',
  // slapd: no /etc/ldap/slapd.d database made at install; the lab writes its own cn=config.
  'slapd slapd/no_configuration boolean true',
  // dokuwiki: configure no web server (no apache2 site, nothing restarted); the lab serves its own copy.
  'dokuwiki dokuwiki/system/configure-webserver multiselect',
  'dokuwiki dokuwiki/system/restart-webserver boolean false',
];
