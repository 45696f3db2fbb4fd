import { describe, expect, it } from 'vitest';
import { projectOf } from './issues.js';

describe('projectOf (a group issue’s project)', () => {
  it('reads references.full, else the issue URL; neither: undefined', () => {
    const url = 'https://gitlab.example.test/team/web/site/-/issues/7';
    expect(projectOf({ references: { full: 'team/web/site#7' }, web_url: url })).toBe('team/web/site');
    expect(projectOf({ references: null, web_url: url })).toBe('team/web/site');
    expect(projectOf({ web_url: 'https://gitlab.example.test/-/issues/7' })).toBeUndefined();
  });
});
