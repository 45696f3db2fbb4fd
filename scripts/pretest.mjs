#!/usr/bin/env node
// Provisions the test lab before `npm test`: as root on a fresh Debian machine it
// installs the Debian packages the integration tests need; otherwise it fails
// with the exact command to run — never a silent skip. Then it builds dist/,
// which the end-to-end CLI tests run.
import { execFileSync, spawnSync } from 'node:child_process';
import { LAB_DEBCONF, LAB_PACKAGES } from '../test/lab/packages.mjs';

function missing() {
  return LAB_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f', '${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

const need = missing();
if (need.length > 0) {
  const line = `apt-get install -y --no-install-recommends ${need.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `ronde tests need Debian packages that are not installed. As root, run:\n  ${LAB_DEBCONF.map((d) => `echo '${d}' | debconf-set-selections && `).join('')}apt-get update && ${line}`,
    );
    process.exit(1);
  }
  console.error(`pretest: installing the test lab's packages: ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('debconf-set-selections', [], {
    input: `${LAB_DEBCONF.join('\n')}\n`,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...need], {
    stdio: 'inherit',
    env,
  });
  const still = missing();
  if (still.length > 0) {
    console.error(`pretest: still missing after apt-get: ${still.join(' ')}`);
    process.exit(1);
  }
}

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
