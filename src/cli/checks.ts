import { Command } from 'commander';
import type { Registry } from '../core/registry.js';
import { say } from './lang.js';

/** `ronde checks`: the check kinds this ronde knows, with where to read about each. */
export function checksCommand(registry: Registry): Command {
  return new Command('checks')
    .summary(say('cli.checks.help.summary'))
    .description(say('cli.checks.help.description'))
    .option('--json', say('cli.checks.help.json'), false)
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
      const mark = say('cli.checks.default');
      for (const k of kinds) {
        process.stdout.write(
          `${k.kind.padEnd(width)}  ${k.zeroConfig ? mark : ' '.repeat(mark.length)}  ${k.title}\n`,
        );
      }
      process.stdout.write(`\n${say('cli.checks.legend', { mark })}\n`);
    });
}
