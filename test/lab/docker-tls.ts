import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface DockerTlsFiles {
  /** CA that signed the engine's and the client's certificates. */
  ca: string;
  /** Engine certificate (IP SAN 127.0.0.1) and key. */
  serverCert: string;
  serverKey: string;
  /** Client certificate and key ronde presents. */
  cert: string;
  key: string;
  /** Another CA, that signed nothing of this engine. */
  otherCa: string;
}

/** A throw-away CA, engine and client certificates made with openssl (ECDSA P-256, 1 day). */
export function makeDockerTls(dir: string): DockerTlsFiles {
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const key = (name: string) => ssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f(name));
  const ca = (name: string) => {
    key(`${name}.key`);
    ssl(
      'req',
      '-x509',
      '-new',
      '-key',
      f(`${name}.key`),
      '-subj',
      `/CN=${name}`,
      '-days',
      '1',
      '-out',
      f(`${name}.pem`),
    );
  };
  const sign = (name: string, ext: string) => {
    key(`${name}.key`);
    ssl('req', '-new', '-key', f(`${name}.key`), '-subj', `/CN=${name}`, '-out', f(`${name}.csr`));
    writeFileSync(f(`${name}.ext`), ext);
    const caArgs = ['-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial'];
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      ...caArgs,
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.pem`),
    );
  };
  ca('ca');
  ca('other-ca');
  sign('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  sign('client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    cert: f('client.pem'),
    key: f('client.key'),
    otherCa: f('other-ca.pem'),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
