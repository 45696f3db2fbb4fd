import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The dependency rules of docs/architecture.md are Biome `noRestrictedImports`
 * overrides, one per part, in biome.json. This runs the real biome.json on
 * deliberate good and bad imports, laid out as in src/, in a directory of
 * their own (never in the tree: a probe there would race other tools and the
 * check registry's own test). `npm run lint` is what fails CI on a bad import.
 */

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ronde-arch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Probe {
  file: string;
  source: string;
  refused: boolean;
}

const probes: Probe[] = [];
const bad = (file: string, source: string) => probes.push({ file, source, refused: true });
const good = (file: string, source: string) => probes.push({ file, source, refused: false });

// A check never persists, notifies, prints or runs the daemon.
bad('src/checks/mail/kind.ts', "import { x } from '../../store/db.js';");
bad('src/checks/mail/kind/index.ts', "import { x } from '../../../notify/outbox.js';");
bad('src/checks/mail/kind/judge.ts', "export { x } from '../../../cli/check.js';");
bad('src/checks/mail/_shared/util.ts', "const m = await import('../../../daemon/self.js');");
bad('src/checks/mail/kind2.ts', "import type { X } from '../../web/server.js';");
bad('src/checks/mail/kind3.ts', "import { x } from '../../config/load.js';");
good('src/checks/mail/kind4.ts', "import { x } from '../../core/check.js';");
good('src/checks/mail/kind5.ts', "import { x } from '../../config/duration.js';");
good('src/checks/mail/kind6.ts', "import { x } from '../../clients/docker/engine.js';");
good('src/checks/mail/kind7.ts', "import { x } from './_shared/util.js';");
// A test beside the code is its own composition root: exempt.
good('src/checks/mail/kind.test.ts', "import { x } from '../../store/db.js';");
// The store knows no check kind; clients and sources know no check.
bad('src/store/repo.ts', "import { x } from '../checks/docker/util-approvals.js';");
bad('src/clients/docker/engine.ts', "import { x } from '../../checks/docker/updates.js';");
bad('src/sources/oci.ts', "import { x } from '../checks/index.js';");
// Core imports no other part.
bad('src/core/runner.ts', "import { x } from '../targets/local.js';");
bad('src/core/check.ts', "import { x } from '../config/schema.js';");
good('src/core/outcome.ts', "import { x } from './status.js';");
// Config lends nothing but schemas: a part's schema is allowed, the rest is not.
good('src/config/schema.ts', "import { x } from '../notify/schema.js';");
bad('src/config/load.ts', "import { x } from '../notify/outbox.js';");
bad('src/config/plan.ts', "import { x } from '../checks/index.js';");
// Below the top, nothing reaches up into cli, daemon or web.
bad('src/routines/board.ts', "import { x } from '../cli/init.js';");
bad('src/notify/announce.ts', "import { x } from '../daemon/announcer.js';");
bad('src/daemon/daemon.ts', "import { x } from '../cli/serve.js';");
bad('src/web/server.ts', "import { x } from '../daemon/daemon.js';");
good('src/cli/serve.ts', "import { x } from '../daemon/daemon.js';");
// Actions change machines: they use targets, the store and notify; no check reaches them.
good('src/actions/upgrade/run.ts', "import { x } from '../../targets/factory.js';");
good('src/actions/upgrade/repo.ts', "import { x } from '../../store/db.js';");
good('src/actions/upgrade/announce.ts', "import { x } from '../../notify/outbox.js';");
bad('src/actions/upgrade/host.ts', "import { x } from '../../checks/index.js';");
bad('src/actions/upgrade/plan.ts', "import { x } from '../../cli/check.js';");
bad('src/checks/apt/pending/index.ts', "import { x } from '../../../actions/upgrade/plan.js';");
bad('src/store/queries.ts', "import { x } from '../actions/upgrade/repo.js';");
good('src/config/sections.ts', "import { x } from '../actions/upgrade/schema.js';");
bad('src/config/loader.ts', "import { x } from '../actions/upgrade/run.js';");
good('src/cli/upgrade.ts', "import { x } from '../actions/upgrade/run.js';");

function lint(): { path: string; line: number; message: string }[] {
  copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
  for (const p of probes) {
    mkdirSync(join(dir, dirname(p.file)), { recursive: true });
    writeFileSync(join(dir, p.file), `${p.source}\n\nexport const used = typeof x;\n`);
  }
  // The temp dir is no git checkout: VCS off, the rest of biome.json as is.
  const r = spawnSync(
    join(root, 'node_modules/.bin/biome'),
    ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'],
    { cwd: dir, encoding: 'utf8' },
  );
  const json = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!json) throw new Error(`biome printed no report: ${r.stderr}`);
  const report = JSON.parse(json) as {
    diagnostics: { category: string; message: string; location: { path: string; start: { line: number } } }[];
  };
  return report.diagnostics
    .filter((d) => d.category === 'lint/style/noRestrictedImports')
    .map((d) => ({ path: d.location.path, line: d.location.start.line, message: d.message }));
}

describe('dependency rules (biome.json, docs/architecture.md)', () => {
  const found = lint();

  it.each(probes.map((p) => [p.refused ? 'refuses' : 'allows', p.file, p.source, p.refused] as const))(
    '%s in %s: %s',
    (_verb, file, _source, refused) => {
      const hit = found.find((d) => d.path === file);
      expect(hit !== undefined, JSON.stringify(hit)).toBe(refused);
      if (hit) expect(hit.message).toMatch(/may import only .*docs\/architecture\.md/);
    },
  );

  it('names what the part may import', () => {
    expect(found.find((d) => d.path === 'src/checks/mail/kind.ts')?.message).toBe(
      'src/checks may import only core, i18n, targets, clients, sources, config/{duration,size,secrets}: ' +
        'a check returns results: it never persists, notifies or prints, and gets its options already parsed ' +
        '(docs/architecture.md).',
    );
  });
});
