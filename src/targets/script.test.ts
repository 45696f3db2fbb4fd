import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalTarget } from './local.js';
import { buildBatch, parseBatchOutput, shGlob } from './script.js';

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
          const out = cmds.map(([o, , c], i) => `ronde-b:begin:${i}\n${o}\nronde-b:end:${i}:${c}\n`).join('');
          const err = cmds.map(([, e], i) => `\nronde-b:err:${i}\n${e}`).join('');
          const res = parseBatchOutput(batch, out, 0, 'no output', err);
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
    const batch = buildBatch(
      [{ argv: ['a'] }, { argv: ['b', 'c'], unlessStamp: { paths: ['/x'], previous: 'p' } }],
      'ronde-b',
    );
    fc.assert(fc.property(fc.string(), fc.string(), (s, e) => void parseBatchOutput(batch, s, 0, 'x', e)));
  });

  it("leaves globs to the machine's shell and quotes everything else", () => {
    expect(shGlob('/etc/letsencrypt/live/*/cert.pem')).toBe(`'/etc/letsencrypt/live/'*'/cert.pem'`);
    expect(shGlob('/a b/$(id)/x?.pem')).toBe(`'/a b/$(id)/x'?'.pem'`);
    expect(shGlob('/srv/[a-z]*')).toBe(`'/srv/'[a-z]*`);
    expect(shGlob('/srv/[$(id)]')).toBe(`'/srv/[$(id)]'`);
    expect(shGlob('/srv/**/x')).toBeNull();
  });
});

describe('batch script on this machine', () => {
  const local = new LocalTarget('here');

  it("gives each command its own stderr and exit status, and runs `test` as the shell's builtin", async () => {
    const res = await local.runBatch([
      { argv: ['sh', '-c', 'echo out; echo err1 >&2; exit 3'] },
      { argv: ['test', '-d', '/'] },
      { argv: ['test', '-S', '/nonexistent'] },
      { argv: ['sh', '-c', 'printf "no newline" >&2'] },
    ]);
    expect(res.map((r) => [r.stdout, r.stderr, r.exitCode])).toEqual([
      ['out\n', 'err1\n', 3],
      ['', '', 0],
      ['', '', 1],
      ['', 'no newline', 0],
    ]);
    const script = buildBatch([{ argv: ['test', '-S', '/x'] }]).script;
    expect(script).toMatch(/^b 0 test '-S' '\/x'$/m); // no `timeout`, no process
  });

  it('runs one find for the stamp, expands globs there, and skips only on an identical stamp', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/ronde-glob-');
    writeFileSync(`${dir}/a.pem`, 'a');
    const spec = (previous?: string) => ({
      argv: ['echo', 'ran'],
      unlessStamp: { paths: [`${dir}/*.pem`, `${dir}/none`], ...(previous ? { previous } : {}) },
    });
    const [first] = await local.runBatch([spec()]);
    expect(first?.stamp).toContain(`${dir}/a.pem `);
    expect(first?.stdout).toBe('ran\n');
    const [second] = await local.runBatch([spec(first?.stamp)]);
    expect(second).toMatchObject({ skipped: true, stamp: first?.stamp });
    writeFileSync(`${dir}/b.pem`, 'b'); // a new match of the glob
    const [third] = await local.runBatch([spec(first?.stamp)]);
    expect(third?.skipped).toBeUndefined();
    expect(third?.stamp).toContain(`${dir}/b.pem `);
  });
});
