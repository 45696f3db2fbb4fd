import type { WatchView } from '../releases.js';
import type { View } from '../words.js';
import { hostHref, When } from './bits.js';

/** Per watch: what the bot saw and announced, and the hosts running an older version. */
export function ReleasesPage(props: { v: View; watches: WatchView[] }) {
  const { v, watches } = props;
  return (
    <>
      <h2>{v.w('releases.title')}</h2>
      {watches.length === 0 && <p class="mut">{v.w('releases.none')}</p>}
      {watches.map((w) => (
        <div class="card">
          <strong>{w.name}</strong>{' '}
          <span class="mut">
            {w.source} · {w.repo} ·{' '}
            {w.checkedAt
              ? v.w('releases.checked', { when: v.ago(w.checkedAt) })
              : v.w('releases.neverChecked')}
          </span>
          {w.rateLimitedUntil && w.rateLimitedUntil > v.now && (
            <p class="mut">{v.w('releases.limited', { when: v.at(w.rateLimitedUntil) })}</p>
          )}
          {w.lastError && <p class="err">{v.w('releases.error', { error: w.lastError })}</p>}
          {w.seen.length > 0 && (
            <table>
              <tbody>
                {w.seen.map((r, i) => (
                  <tr>
                    <td>
                      {r.url ? <a href={r.url}>{r.version}</a> : r.version}
                      {i === 0 && <span class="mut"> ({v.w('releases.latest')})</span>}
                    </td>
                    <td class="mut">
                      <When v={v} at={r.seenAt} />
                    </td>
                    <td class="mut">{r.announced ? v.w('releases.announced') : v.w('releases.silent')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            {w.older === null ? (
              <span class="mut">{v.w('releases.noImages')}</span>
            ) : w.older.length === 0 ? (
              <span class="mut">{v.w('releases.allCurrent')}</span>
            ) : (
              <>
                {v.w('releases.older')}:{' '}
                {w.older.map((o, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={hostHref(o.host)}>{o.host}</a> ({o.version})
                  </>
                ))}
              </>
            )}
          </p>
        </div>
      ))}
    </>
  );
}
