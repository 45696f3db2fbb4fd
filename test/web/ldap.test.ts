import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../../src/auth/users.js';
import { listAudit } from '../../src/store/audit.js';
import { cookieOf, KIT_YAML, type Kit, PASSWORD, webKit } from '../../src/web/test-kit.js';
import { type SlapdLab, startSlapd } from '../lab/slapd.js';

/*
 * LDAP login against a real slapd (test/lab/slapd.ts) on 127.0.65.2: a bind
 * as the user by DN template or by search then bind (service account, its
 * password a secret reference), groups mapped to roles, local accounts
 * untouched, and a directory that is down said as such.
 */
const SUFFIX = 'dc=ronde,dc=test';
const SEED = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: ronde
o: Ronde

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: cn=ronde-reader,${SUFFIX}
objectClass: inetOrgPerson
cn: ronde-reader
sn: service
userPassword: reader-secret

${['ann', 'ben', 'mal']
  .map(
    (u) => `dn: uid=${u},ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: ${u}
cn: ${u}
sn: ${u}
userPassword: ${u}-directory-pw
`,
  )
  .join('\n')}
dn: cn=sysadmins,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: sysadmins
member: uid=ann,ou=people,${SUFFIX}

dn: cn=ronde-admins,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: ronde-admins
member: uid=ben,ou=people,${SUFFIX}
`;

let lab: SlapdLab;
beforeAll(async () => {
  lab = await startSlapd({ suffix: SUFFIX, ldif: SEED, address: '127.0.65.2' });
  process.env.RONDE_TEST_LDAP_PW = 'reader-secret';
}, 60_000);
afterAll(async () => {
  delete process.env.RONDE_TEST_LDAP_PW;
  await lab?.stop();
});

const ldapYaml = (url: string, how: 'template' | 'search') => `web:
  ldap:
    url: ${url}
${
  how === 'template'
    ? `    user_dn: "uid={user},ou=people,${SUFFIX}"`
    : `    user_base: "ou=people,${SUFFIX}"
    bind_dn: "cn=ronde-reader,${SUFFIX}"
    bind_password: "\${env:RONDE_TEST_LDAP_PW}"`
}
    group_base: "ou=groups,${SUFFIX}"
    roles: { admin: [ronde-admins], operator: [sysadmins] }
    timeout: 3s
`;

/** The login form as a browser fills it; refused tries come from their own address (the rate limit counts per address). */
async function login(kit: Kit, user: string, password: string, address = '127.0.0.1') {
  const page = await kit.req('GET', '/login');
  const cookie = cookieOf(page, 'ronde_login')!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return kit.req('POST', '/login', {
    cookie,
    csrf: false,
    form: { _csrf: csrf, user, password, next: '/' },
    address,
  });
}

describe.each(['template', 'search'] as const)('LDAP login (%s)', (how) => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await webKit(KIT_YAML, ldapYaml(lab.url, how));
  });
  afterAll(() => kit?.close());

  it('logs a directory user in with the role of their group, and audits it', async () => {
    const ann = await login(kit, 'ann', 'ann-directory-pw');
    expect(ann.status).toBe(303);
    const home = await kit.req('GET', '/', { cookie: cookieOf(ann, 'ronde_session')! });
    expect(await home.text()).toContain('ann (operator)');
    expect(await getUser(kit.store.conn.db, 'ann')).toMatchObject({ role: 'operator', source: 'ldap' });
    const ben = await login(kit, 'ben', 'ben-directory-pw');
    expect(ben.status).toBe(303);
    expect((await getUser(kit.store.conn.db, 'ben'))?.role).toBe('admin');
    const [last] = await listAudit(kit.store.conn.db, { action: 'login' });
    expect(last).toMatchObject({ actor: 'ben', detail: { via: 'ldap', role: 'admin' } });
  });

  it('refuses a wrong password, a user in no mapped group, an empty password and a filter in the name', async () => {
    expect((await login(kit, 'ann', 'not-her-password', '127.0.65.11')).status).toBe(401);
    const mal = await login(kit, 'mal', 'mal-directory-pw', '127.0.65.12');
    expect(mal.status).toBe(401);
    expect(await mal.text()).toContain('Wrong user or password.');
    expect(await getUser(kit.store.conn.db, 'mal')).toBeUndefined();
    const [why] = await listAudit(kit.store.conn.db, { action: 'login.failed' });
    expect(JSON.stringify(why?.detail)).toContain('is in no group of web.ldap.roles');
    expect((await login(kit, 'ann', '', '127.0.65.13')).status).toBe(401);
    expect((await login(kit, '*', 'x', '127.0.65.14')).status).toBe(401);
    expect((await login(kit, 'ann)(uid=*', 'ann-directory-pw', '127.0.65.15')).status).toBe(401);
  });

  it('a role follows the directory: a group change applies at the next login', async () => {
    await lab.modify(`dn: cn=ronde-admins,ou=groups,${SUFFIX}
changetype: modify
add: member
member: uid=ann,ou=people,${SUFFIX}
`);
    try {
      expect((await login(kit, 'ann', 'ann-directory-pw')).status).toBe(303);
      expect((await getUser(kit.store.conn.db, 'ann'))?.role).toBe('admin');
    } finally {
      await lab.modify(`dn: cn=ronde-admins,ou=groups,${SUFFIX}
changetype: modify
delete: member
member: uid=ann,ou=people,${SUFFIX}
`);
    }
  });

  it('local users keep their own password and never reach the directory', async () => {
    expect((await login(kit, 'operator', PASSWORD)).status).toBe(303);
    expect((await login(kit, 'operator', 'wrong', '127.0.65.16')).status).toBe(401);
  });
});

describe('LDAP down', () => {
  let kit: Kit;
  beforeAll(async () => {
    // A port nothing listens on (slapd's own, on another of our addresses).
    const down = lab.url.replace('127.0.65.2', '127.0.65.3');
    kit = await webKit(KIT_YAML, ldapYaml(down, 'template'));
  });
  afterAll(() => kit?.close());

  it('says the directory does not answer, audits it, and local users still log in', async () => {
    const res = await login(kit, 'ann', 'ann-directory-pw');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('The directory (LDAP) does not answer');
    const [entry] = await listAudit(kit.store.conn.db, { action: 'login.failed' });
    expect(entry?.detail).toMatchObject({ via: 'ldap' });
    expect((await login(kit, 'operator', PASSWORD)).status).toBe(303);
  });
});
