import type { Entry } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { fileTime, generalizedTime, toAccount, toGroup } from './directory.js';

/*
 * Entries as ldapts hands them: attribute names as the server spells them,
 * one value as a string, several as an array, binary ones as Buffers.
 * OpenLDAP (lastbind overlay, ppolicy) and Active Directory shapes.
 */

describe('toAccount', () => {
  it('OpenLDAP: uid, the latest of the login times, password change, lock, shadow expiry', () => {
    const e: Entry = {
      dn: 'uid=alice,ou=people,dc=lab,dc=test',
      uid: 'alice',
      cn: 'Alice Admin',
      authTimestamp: '20261101083000Z',
      pwdLastSuccess: '20261120091500.123Z',
      pwdChangedTime: '20260301000000Z',
      pwdAccountLockedTime: '000001010000Z',
      shadowExpire: '20819',
      memberOf: ['cn=admins,ou=groups,dc=lab,dc=test', 'cn=ops,ou=groups,dc=lab,dc=test'],
    };
    expect(toAccount(e)).toEqual({
      dn: e.dn,
      name: 'alice',
      lastLogin: '2026-11-20T09:15:00.000Z',
      pwdChangedAt: '2026-03-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      locked: true,
      memberOf: ['cn=admins,ou=groups,dc=lab,dc=test', 'cn=ops,ou=groups,dc=lab,dc=test'],
    });
  });

  it('Active Directory: sAMAccountName, lastLogonTimestamp (FILETIME), names in any case', () => {
    const e: Entry = {
      dn: 'CN=Bob Builder,OU=Staff,DC=lab,DC=test',
      samaccountname: 'bob',
      cn: 'Bob Builder',
      lastlogontimestamp: '134073792000000000',
      lastLogon: '0',
      memberof: 'CN=Ops,OU=Groups,DC=lab,DC=test',
    };
    expect(toAccount(e)).toEqual({
      dn: e.dn,
      name: 'bob',
      lastLogin: '2025-11-12T00:00:00.000Z',
      locked: false,
      memberOf: ['CN=Ops,OU=Groups,DC=lab,DC=test'],
    });
  });

  it('a bare entry: named by cn, else its DN; no login kept means none said; shadowExpire 0 or junk is no expiry', () => {
    expect(
      toAccount({ dn: 'cn=svc,dc=lab,dc=test', cn: Buffer.from('svc-backup'), shadowExpire: '0' }),
    ).toEqual({
      dn: 'cn=svc,dc=lab,dc=test',
      name: 'svc-backup',
      locked: false,
      memberOf: [],
    });
    expect(toAccount({ dn: 'uid=x,dc=lab,dc=test', shadowExpire: 'never' }).name).toBe(
      'uid=x,dc=lab,dc=test',
    );
    expect(toAccount({ dn: 'uid=x,dc=lab,dc=test', shadowExpire: 'never' })).not.toHaveProperty('expiresAt');
  });
});

describe('toGroup', () => {
  it('gathers member and uniqueMember DNs and memberUid names', () => {
    expect(
      toGroup({
        dn: 'cn=ops,ou=groups,dc=lab,dc=test',
        cn: 'ops',
        member: ['uid=alice,ou=people,dc=lab,dc=test', 'uid=bob,ou=people,dc=lab,dc=test'],
        uniqueMember: 'uid=carol,ou=people,dc=lab,dc=test',
        memberUid: ['dave'],
      }),
    ).toEqual({
      dn: 'cn=ops,ou=groups,dc=lab,dc=test',
      name: 'ops',
      members: [
        'uid=alice,ou=people,dc=lab,dc=test',
        'uid=bob,ou=people,dc=lab,dc=test',
        'uid=carol,ou=people,dc=lab,dc=test',
        'dave',
      ],
    });
    expect(toGroup({ dn: 'cn=empty,dc=lab,dc=test' })).toEqual({
      dn: 'cn=empty,dc=lab,dc=test',
      name: 'cn=empty,dc=lab,dc=test',
      members: [],
    });
  });
});

describe('time attributes', () => {
  it('GeneralizedTime with or without seconds and fraction; anything else is no time', () => {
    expect(generalizedTime('20240101000000Z')).toBe('2024-01-01T00:00:00.000Z');
    expect(generalizedTime('202401011230Z')).toBe('2024-01-01T12:30:00.000Z');
    expect(generalizedTime('20240101000000,5Z')).toBe('2024-01-01T00:00:00.000Z');
    expect(generalizedTime('20240101000000+0200')).toBeUndefined();
    expect(generalizedTime(undefined)).toBeUndefined();
  });

  it('FILETIME: 100 ns since 1601; 0 and garbage are never', () => {
    expect(fileTime('116444736000000000')).toBeUndefined(); // 1970-01-01 exactly: not after the epoch
    expect(fileTime('134073792000000000')).toBe('2025-11-12T00:00:00.000Z');
    expect(fileTime('0')).toBeUndefined();
    expect(fileTime('9223372036854775807')).toMatch(/^\+?\d+-/); // AD's "never" maximum: far future
    expect(fileTime('12ab')).toBeUndefined();
  });
});
