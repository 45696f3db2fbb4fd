import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerServices } from '../../src/checks/docker/services/index.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
beforeAll(async () => {
  lab = await startDockerLab({ tls: true });
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

async function services(docker: Record<string, unknown>) {
  const options = dockerServices.options.parse({ docker, expected: ['lab/app'] });
  const plan = { instance: 'docker.services', kind: dockerServices, options, timeoutSec: 60, explicit: true };
  return (await runRound([{ target: new LocalTarget('lab'), checks: [plan] }])).results[0]!;
}

describe('the Docker engine over TCP with TLS', () => {
  it('answers with the right CA and a client certificate', async () => {
    const t = lab.tls!;
    const r = await services({ url: t.url, ca: t.ca, cert: t.cert, key: t.key });
    expect(r.status).toBe('OK');
  });

  it('is UNKNOWN, never OK, when the engine certificate is not signed by the given CA', async () => {
    const t = lab.tls!;
    const r = await services({ url: t.url, ca: t.otherCa, cert: t.cert, key: t.key });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/^TLS to https:\/\/127\.0\.0\.1:\d+ refused: /);
  });

  it('says which TLS file it cannot read', async () => {
    const t = lab.tls!;
    const r = await services({ url: t.url, ca: '/nonexistent/ca.pem', cert: t.cert, key: t.key });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toBe('cannot read ca /nonexistent/ca.pem (ENOENT)');
  });
});
