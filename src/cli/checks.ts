import { Command } from 'commander';
import type { Registry } from '../core/registry.js';

/** `ronde checks`: the check kinds this ronde knows, with where to read about each. */
export function checksCommand(registry: Registry): Command {
  return new Command('checks')
    .summary('list the check kinds')
    .description('Lists every check kind, whether it runs with no configuration, and its documentation page.')
    .option('--json', 'machine-readable list', false)
    .action((opts: { json: boolean }) => {
      const kinds = registry.all().map((k) => ({
        kind: k.id,
        title: k.title,
        zeroConfig: k.zeroConfig,
        docs: `docs/checks/${k.id}.md`,
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(kinds, null, 2)}\n`);
        return;
      }
      const width = Math.max(...kinds.map((k) => k.kind.length));
      for (const k of kinds) {
        process.stdout.write(
          `${k.kind.padEnd(width)}  ${k.zeroConfig ? 'default' : '       '}  ${k.title}\n`,
        );
      }
      process.stdout.write(
        '\n"default": runs with no configuration. Each kind is documented in docs/checks/KIND.md.\n',
      );
    });
}
