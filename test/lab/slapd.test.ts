import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlapdLab, startSlapd } from './slapd.js';

// The lab itself: what the access and web tests rely on (last login, password age, clean stop).
const SUFFIX = 'dc=lab,dc=test';
const SEED = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: lab
o: Lab

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: uid=alice,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: alice
cn: Alice
sn: A
userPassword: alice-pw

dn: uid=old,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: old
cn: Old
sn: O
userPassword: old-pw
authTimestamp: 20240101000000Z
pwdChangedTime: 20230601000000Z
`;

describe('slapd lab', () => {
  let lab: SlapdLab;
  beforeAll(async () => {
    lab = await startSlapd({ suffix: SUFFIX, ldif: SEED, address: '127.0.61.2' });
  });
  afterAll(async () => lab?.stop());

  it('listens on its loopback address and accepts the root DN', async () => {
    expect(lab.url).toMatch(/^ldap:\/\/127\.0\.61\.2:\d+$/);
    expect(await lab.bind(lab.bindDn, lab.password)).toBe(true);
    expect(await lab.bind(lab.bindDn, 'wrong')).toBe(false);
  });

  it('keeps backdated operational attributes from the seed', async () => {
    const out = await lab.search('(uid=old)', 'authTimestamp', 'pwdChangedTime');
    expect(out).toContain('authTimestamp: 20240101000000Z');
    expect(out).toContain('pwdChangedTime: 20230601000000Z');
  });

  it('stamps authTimestamp on a successful bind (lastbind)', async () => {
    expect(await lab.search('(uid=alice)', 'authTimestamp')).not.toContain('authTimestamp');
    expect(await lab.bind(`uid=alice,ou=people,${SUFFIX}`, 'alice-pw')).toBe(true);
    const year = new Date().getUTCFullYear();
    expect(await lab.search('(uid=alice)', 'authTimestamp')).toMatch(
      new RegExp(`authTimestamp: ${year}\\d{10}Z`),
    );
  });

  it('sets pwdChangedTime when a password is set through LDAP (ppolicy)', async () => {
    await lab.add(`dn: uid=new,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: new
cn: New
sn: N
userPassword: new-pw
`);
    expect(await lab.search('(uid=new)', 'pwdChangedTime')).toMatch(/pwdChangedTime: \d{14}Z/);
    await lab.modify(`dn: uid=new,ou=people,${SUFFIX}
changetype: delete
`);
    expect(await lab.search('(uid=new)')).toBe('');
  });

  it('stops cleanly and removes its files', async () => {
    const other = await startSlapd({ suffix: SUFFIX, ldif: SEED, address: '127.0.61.3' });
    expect(existsSync(`${other.dir}/slapd.pid`)).toBe(true);
    await other.stop();
    expect(await other.bind(other.bindDn, other.password)).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  });
});
