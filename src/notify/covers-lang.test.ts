import { describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english.js';
import { parseSelector } from './covers.js';

describe('selector refusals in the CLI language', () => {
  it('French when asked, English unchanged by default', () => {
    expect(parseSelector('hots=web1', 'fr')).toBe(
      '« hots=web1 » : attendu host=NOM, tag=ÉTIQUETTE, kind=TYPE ou check=NOM, séparés par des virgules',
    );
    expect(parseSelector(' , ', 'fr')).toBe(
      'un sélecteur vide ne couvrirait rien : donnez host=, tag=, kind= ou check=',
    );
    for (const text of ['hots=web1', ' , '])
      expect(englishWords(parseSelector(text, 'fr') as string)).toEqual([]);
    expect(parseSelector('hots=web1')).toBe(
      '"hots=web1": expected host=NAME, tag=TAG, kind=KIND or check=NAME, comma-separated',
    );
    expect(parseSelector('')).toBe(
      'an empty selector would cover nothing: give host=, tag=, kind= or check=',
    );
    expect(parseSelector('host=web1, tag=db', 'fr')).toEqual({ host: 'web1', tag: 'db' });
  });
});
