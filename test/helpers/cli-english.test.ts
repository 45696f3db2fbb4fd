import { describe, expect, it } from 'vitest';
import { cliEnglishWords } from './cli-english.js';

describe('cliEnglishWords', () => {
  it('finds English sentences', () => {
    expect(cliEnglishWords('Recorded #1: backups done by alice.')).toEqual(['done', 'by']);
    expect(cliEnglishWords('No failed message to retry.')).toEqual(['No', 'failed', 'to', 'retry']);
  });

  it('leaves French, commands, options, names and statuses alone', () => {
    const fr =
      'Enregistré #1 : backups faite par alice.\nDonnez --by NOM (voir `ronde routines\nshow ID`).\n' +
      'ronde.self UNKNOWN : { version, recorded }, une routine, un message, routine.done\n' +
      '  ronde done backups --note "dumps checked"\n  show [options] <id>  une routine';
    expect(cliEnglishWords(fr)).toEqual([]);
  });
});
