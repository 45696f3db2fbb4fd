import { describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../config/secrets.js';
import { failure } from './prometheus.js';

describe('failure', () => {
  it('says a token that does not resolve in the team’s language, naming the reference', () => {
    let err: unknown;
    try {
      resolveSecrets('${env:RONDE_TEST_NO_SUCH_TOKEN}', {});
    } catch (e) {
      err = e;
    }
    const en = failure(err, 'en');
    const fr = failure(err, 'fr');
    expect(en.unreachable).toBe(false);
    expect(en.error).toContain('RONDE_TEST_NO_SUCH_TOKEN');
    expect(fr.error).toContain('RONDE_TEST_NO_SUCH_TOKEN');
    expect(fr.error).not.toBe(en.error);
  });
});
