import type { AuditEntry } from '../../store/audit.js';
import type { View } from '../words.js';

export function AuditPage(props: { v: View; entries: AuditEntry[]; more: boolean }) {
  const { v, entries } = props;
  const last = entries[entries.length - 1];
  return (
    <>
      <h1>{v.w('audit.title')}</h1>
      <table>
        <thead>
          <tr>
            <th>{v.w('audit.when')}</th>
            <th>{v.w('audit.who')}</th>
            <th>{v.w('audit.what')}</th>
            <th>{v.w('audit.subject')}</th>
            <th class="hide-s">{v.w('audit.from')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td class="mut">{v.at(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>
                {e.subject}
                {Object.keys(e.detail).length > 0 && <div class="mut">{JSON.stringify(e.detail)}</div>}
              </td>
              <td class="hide-s mut">
                {e.channel} {e.address}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.more && last && (
        <p>
          <a href={`/audit?before=${last.id}`}>{v.w('audit.older')}</a>
        </p>
      )}
    </>
  );
}
