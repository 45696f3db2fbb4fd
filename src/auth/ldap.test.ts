import { describe, expect, it } from 'vitest';
import { escapeDnValue, escapeFilterValue, ldapAuthenticate, roleOf } from './ldap.js';
import { ldapSchema } from './ldap-config.js';

describe('LDAP names', () => {
  it('escapes a DN value (RFC 4514) and a filter value (RFC 4515)', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
    expect(escapeDnValue('#lead and trail ')).toBe('\\#lead and trail\\ ');
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0')).toBe('a\\5cb\\00');
  });

  it('takes the highest role of the groups, by cn or DN, else the default', () => {
    const roles = { admin: ['ronde-admins'], operator: ['CN=Sysadmins,OU=groups,DC=x'], viewer: ['staff'] };
    const g = (dn: string, cn: string) => ({ dn, cn: [cn] });
    expect(roleOf([g('cn=staff,ou=groups,dc=x', 'staff')], { roles })).toBe('viewer');
    expect(
      roleOf([g('cn=staff,ou=groups,dc=x', 'staff'), g('cn=sysadmins,ou=groups,dc=x', 'sysadmins')], {
        roles,
      }),
    ).toBe('operator');
    expect(roleOf([g('cn=RONDE-ADMINS,dc=x', 'RONDE-ADMINS')], { roles })).toBe('admin');
    expect(roleOf([], { roles })).toBeUndefined();
    expect(roleOf([], { roles, default_role: 'viewer' })).toBe('viewer');
  });
});

describe('web.ldap settings', () => {
  const base = { url: 'ldaps://ldap.example.org' };
  it('needs exactly one way to find the user, and bind_dn with bind_password', () => {
    expect(ldapSchema.safeParse(base).success).toBe(false);
    expect(ldapSchema.safeParse({ ...base, user_dn: 'uid={user},dc=x', user_base: 'dc=x' }).success).toBe(
      false,
    );
    expect(ldapSchema.safeParse({ ...base, user_dn: 'uid=alice,dc=x' }).success).toBe(false);
    expect(ldapSchema.safeParse({ ...base, user_base: 'dc=x', bind_password: '${env:P}' }).success).toBe(
      false,
    );
    expect(
      ldapSchema.safeParse({ ...base, user_base: 'dc=x', bind_dn: 'cn=r', bind_password: 'clear' }).success,
    ).toBe(false);
    const ok = ldapSchema.parse({ ...base, user_base: 'dc=x', bind_dn: 'cn=r', bind_password: '${env:P}' });
    expect(ok).toMatchObject({
      user_filter: '(uid={user})',
      timeout: 5,
      roles: { admin: [], operator: [], viewer: [] },
    });
  });

  it('never binds with an empty password (an unauthenticated bind servers accept)', async () => {
    const settings = ldapSchema.parse({ url: 'ldap://127.0.65.4:1', user_dn: 'uid={user},dc=x' });
    expect(await ldapAuthenticate({ settings }, 'alice', '')).toEqual({ ok: false, reason: 'credentials' });
  });
});
