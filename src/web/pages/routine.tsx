import { raw } from 'hono/html';
import { allows } from '../../auth/roles.js';
import type { Session } from '../../auth/sessions.js';
import { resultKey } from '../../core/check.js';
import type { Suggestion } from '../../core/suggestions.js';
import type { BoardRow } from '../data.js';
import { markdownToHtml } from '../markdown.js';
import type { View } from '../words.js';
import { checkHref, St } from './bits.js';
import { RoutineState } from './home.js';
import { Csrf } from './layout.js';

export function RoutinePage(props: {
  v: View;
  row: BoardRow;
  session: Session;
  message?: string;
  error?: string;
  /** What the linked checks suggest, by resultKey (R12 pages to write, R13 forgotten issues). */
  suggestions?: ReadonlyMap<string, readonly Suggestion[]>;
}) {
  const { v, row, session } = props;
  const r = row.routine;
  const log = [...row.log].reverse();
  return (
    <>
      <h1>{r.title}</h1>
      <p>
        <RoutineState v={v} row={row} /> · {v.w('routine.nextDue', { when: v.at(row.state.nextDue) })}
        {row.next && (
          <>
            {' '}
            ·{' '}
            {v.w(row.next.assigned ? 'routine.assigned' : 'routine.suggested', { who: row.next.member.name })}
          </>
        )}
      </p>
      {props.message && <p class="ok">{props.message}</p>}
      {props.error && <p class="err">{props.error}</p>}
      {r.description && <div class="card">{raw(markdownToHtml(r.description))}</div>}

      <h2>{v.w('routine.signoff')}</h2>
      {allows(session.user.role, 'operator') ? (
        <form method="post" action={`/routines/${encodeURIComponent(r.id)}/done`}>
          <Csrf session={session} />
          {r.checklist.length > 0 && (
            <fieldset>
              <legend>{v.w('routine.checklist')}</legend>
              {r.checklist.map((item, i) => (
                <label>
                  <input type="checkbox" name="item" value={String(i + 1)} /> {item}
                </label>
              ))}
            </fieldset>
          )}
          <label for="note">{v.w('routine.note')}</label>
          <textarea id="note" name="note" rows={3} style="width:100%" />
          <p>
            <button type="submit">{v.w('routine.submit')}</button>
          </p>
        </form>
      ) : (
        <>
          {r.checklist.length > 0 && (
            <ol>
              {r.checklist.map((item) => (
                <li>{item}</li>
              ))}
            </ol>
          )}
          <p class="mut">{v.w('routine.readOnly')}</p>
        </>
      )}

      <h2>{v.w('routine.linked')}</h2>
      <ul>
        {[...row.linked.results, ...row.linked.notApplicable].map((c) => (
          <li>
            {c.notApplicable ? <span class="st mut">n/a</span> : <St status={c.status} />}{' '}
            <a href={checkHref(c.target, c.check)}>
              {c.target} · {c.check}
            </a>{' '}
            — {c.summary}
            {(props.suggestions?.get(resultKey(c.target, c.check))?.length ?? 0) > 0 && (
              <ul>
                {props.suggestions!.get(resultKey(c.target, c.check))!.map((x) => (
                  <li>
                    {x.url ? <a href={x.url}>{x.text}</a> : x.text}
                    {x.group ? <span class="mut"> — {x.group}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {row.linked.unmatched.length > 0 && (
        <p class="mut">{v.w('routine.unmatched', { selectors: row.linked.unmatched.join(', ') })}</p>
      )}

      <h2>{v.w('routine.history')}</h2>
      {log.length === 0 ? (
        <p class="mut">{v.w('routine.noHistory')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{v.w('col.when')}</th>
              <th>{v.w('col.by')}</th>
              <th>{v.w('col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((s) => (
              <tr>
                <td class="mut">
                  #{s.id} {v.at(s.at)}
                </td>
                <td>
                  {s.by} <span class="mut">({s.source})</span>
                </td>
                <td>
                  {s.kind === 'undo' ? `${v.w('routine.undo', { id: s.undoes ?? '?' })} ` : ''}
                  {s.note}
                  {s.items.length > 0 && <span class="mut"> [{s.items.join(', ')}]</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
