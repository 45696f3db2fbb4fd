import { formatSize } from '../../config/size.js';
import type { BackupSet } from '../backups.js';
import type { View } from '../words.js';
import { checkHref, hostHref, St, When } from './bits.js';
import { Sparkline } from './charts.js';

/** Every backup set, worst and oldest first: newest backup's age and size, the size trend. */
export function BackupsPage(props: { v: View; sets: BackupSet[] }) {
  const { v, sets } = props;
  return (
    <>
      <h2>{v.w('backups.title')}</h2>
      {sets.length === 0 ? (
        <p class="mut">{v.w('backups.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{v.w('col.status')}</th>
              <th>{v.w('backups.set')}</th>
              <th>{v.w('backups.newest')}</th>
              <th>{v.w('backups.size')}</th>
              <th class="hide-s">{v.w('backups.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr>
                <td>
                  <St status={s.status} />
                </td>
                <td>
                  <a href={checkHref(s.host, s.check)}>{s.name}</a>
                  <div class="mut">
                    <a href={hostHref(s.host)}>{s.host}</a> · {s.kind}
                    {s.status !== 'OK' && <> — {s.summary}</>}
                  </div>
                </td>
                <td>{s.newestAt ? <When v={v} at={s.newestAt} /> : v.w('backups.noBackup')}</td>
                <td>{s.size === null ? '–' : formatSize(s.size)}</td>
                <td class="hide-s">
                  <Sparkline
                    points={s.sizes}
                    label={v.w('backups.trendLabel', {
                      n: s.sizes.length,
                      from: formatSize(s.sizes[0]?.v ?? 0),
                      to: formatSize(s.sizes.at(-1)?.v ?? 0),
                    })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
