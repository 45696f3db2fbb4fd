import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLine, imapTagged, ldapExtendedResult, smtpReply } from './starttls.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('STARTTLS reply readers (replies as Postfix 3.7 and Dovecot 2.3 send them)', () => {
  it('SMTP: waits for the last line of a multi-line reply', () => {
    expect(smtpReply(b('250-mail.lab.test\r\n250-PIPELINING\r\n'))).toBeUndefined();
    expect(smtpReply(b('250-mail.lab.test\r\n250-STARTTLS\r\n250 CHUNKING\r\n'))).toEqual({
      code: 250,
      lines: ['250-mail.lab.test', '250-STARTTLS', '250 CHUNKING'],
    });
    expect(smtpReply(b('220 mail.lab.test ESMTP Postfix (Debian/GNU)\r\n'))?.code).toBe(220);
  });
  it('IMAP: finds the tagged reply after untagged lines', () => {
    expect(imapTagged(b('* CAPABILITY IMAP4rev1\r\nr1 OK Begin TLS negotiation now.\r\n'), 'r1')).toBe(
      'r1 OK Begin TLS negotiation now.',
    );
    expect(imapTagged(b('* OK\r\n'), 'r1')).toBeUndefined();
    expect(firstLine(b('+OK Dovecot (Debian) ready.\r\n'))).toBe('+OK Dovecot (Debian) ready.');
  });
  it('LDAP: reads the resultCode of the ExtendedResponse (as slapd sends it)', () => {
    // 30 0c 02 01 01 78 07 0a 01 00 04 00 04 00: success, no matchedDN, no message.
    expect(ldapExtendedResult(Buffer.from('300c02010178070a010004000400', 'hex'))).toBe(0);
    expect(ldapExtendedResult(Buffer.from('300c02010178070a010204000400', 'hex'))).toBe(2);
    expect(ldapExtendedResult(Buffer.from('300c020101', 'hex'))).toBeUndefined();
  });
  it('never throws on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (x) => {
        const buf = Buffer.from(x);
        smtpReply(buf);
        imapTagged(buf, 'r1');
        firstLine(buf);
        const r = ldapExtendedResult(buf);
        expect(r === undefined || Number.isInteger(r)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
