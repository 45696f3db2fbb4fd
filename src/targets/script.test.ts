import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBatch, parseBatchOutput } from './script.js';

describe('batch script framing', () => {
  it('quotes every word: inventory names never reach the shell unquoted', () => {
    const batch = buildBatch([{ argv: ['echo', "a'b; rm -rf /", '$(id)'] }], 'ronde-x');
    expect(batch.script).toContain(`'echo' 'a'\\''b; rm -rf /' '$(id)'`);
  });

  it('parses outputs whatever they contain, including a missing final newline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string(), fc.string(), fc.integer({ min: 0, max: 255 })), { maxLength: 5 }),
        (cmds) => {
          const batch = buildBatch(
            cmds.map(() => ({ argv: ['x'] })),
            'ronde-b',
          );
          const out = cmds
            .map(
              ([o, e, c], i) => `ronde-b:begin:${i}\n${o}\nronde-b:end:${i}:${c}\n${e}\nronde-b:err:${i}\n`,
            )
            .join('');
          const res = parseBatchOutput(batch, out);
          expect(res.map((r) => [r.stdout, r.stderr, r.exitCode])).toEqual(cmds);
        },
      ),
    );
  });

  it('marks commands whose frame never came as not completed, keeping partial output', () => {
    const batch = buildBatch([{ argv: ['a'] }, { argv: ['b'] }], 'ronde-b');
    const res = parseBatchOutput(batch, 'ronde-b:begin:0\nhalf', 10, 'connection lost');
    expect(res[0]).toMatchObject({
      exitCode: null,
      stdout: 'half',
      error: 'did not complete: connection lost',
    });
    expect(res[1]).toMatchObject({ exitCode: null, stdout: '' });
  });

  it('never throws on garbage', () => {
    const batch = buildBatch([{ argv: ['a'] }, { argv: ['b'] }], 'ronde-b');
    fc.assert(fc.property(fc.string(), (s) => void parseBatchOutput(batch, s)));
  });
});
