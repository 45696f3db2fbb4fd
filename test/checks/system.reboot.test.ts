import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemReboot } from '../../src/checks/system/reboot/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import type { Lang } from '../../src/i18n/index.js';
import { freePort, type NodeExporterLab, startNodeExporter } from '../lab/prometheus.js';

// system.reboot from a real node-exporter 1.5 on 127.0.60.3 reading the textfile
// that the apt collector (apt_info.py) writes: `node_reboot_required`.
let lab: NodeExporterLab;
beforeAll(async () => {
  lab = await startNodeExporter();
}, 60_000);
afterAll(() => lab?.stop());

function run(lang: Lang = 'en'): Promise<CheckOutcome> {
  const options = systemReboot.options.parse({ node_exporter: 'http://{host}/metrics' });
  expect(systemReboot.commands(options)).toEqual([]);
  return Promise.resolve(
    systemReboot.evaluate({
      options,
      // The inventory name fills {host}: here the lab's address and port.
      target: { name: lab.url.replace('http://', ''), transport: 'local' },
      lang,
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

const textfile = (flag: 0 | 1) =>
  `# HELP node_reboot_required Node reboot is required for software updates.\n# TYPE node_reboot_required gauge\nnode_reboot_required ${flag}\n`;

describe('system.reboot from a node-exporter', () => {
  it('is WARN when the collector says /run/reboot-required exists, OK when not', async () => {
    writeFileSync(join(lab.textfileDir, 'apt.prom'), textfile(1));
    const r = await run();
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe(
      `reboot needed: /run/reboot-required is set (node_reboot_required, ${lab.url}/metrics)`,
    );
    writeFileSync(join(lab.textfileDir, 'apt.prom'), textfile(0));
    expect(await run('fr')).toMatchObject({
      status: 'OK',
      summary: `pas de demande de redémarrage (node_reboot_required, ${lab.url}/metrics)`,
    });
  });

  it('is UNKNOWN when the metric is absent or the exporter unreachable', async () => {
    writeFileSync(join(lab.textfileDir, 'apt.prom'), '# empty\n');
    expect((await run()).status).toBe('UNKNOWN');
    const closed = `http://127.0.60.3:${await freePort('127.0.60.3')}/metrics`;
    const options = systemReboot.options.parse({ node_exporter: closed });
    const r = await systemReboot.evaluate({
      options,
      target: { name: 'lab', transport: 'local' },
      lang: 'en',
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    });
    expect(r).toMatchObject({ status: 'UNKNOWN' });
    expect(r.summary).toBe(`cannot reach ${closed}: ECONNREFUSED`);
  });
});
