import type { Session } from '../../auth/sessions.js';
import type { Cover } from '../../notify/covers.js';
import { formatSelector } from '../../notify/covers.js';
import type { View } from '../words.js';
import { Csrf } from './layout.js';

export function AckForm(props: { v: View; session: Session; host: string; check: string; acked: boolean }) {
  const { v, session } = props;
  const base = `/hosts/${encodeURIComponent(props.host)}/checks/${encodeURIComponent(props.check)}`;
  return (
    <div class="card">
      {props.acked && (
        <form method="post" action={`${base}/unack`}>
          <Csrf session={session} />
          <button type="submit">{v.w('ack.end')}</button>
        </form>
      )}
      <form method="post" action={`${base}/ack`}>
        <Csrf session={session} />
        <label for="reason">{v.w('ack.reason')}</label>
        <input id="reason" name="reason" required style="width:100%" placeholder={v.w('ack.reasonHint')} />
        <label for="for">{v.w('ack.for')}</label>
        <input id="for" name="for" placeholder={v.w('ack.forHint')} />
        <p>
          <button type="submit">{v.w('ack.submit')}</button>
        </p>
      </form>
    </div>
  );
}

export function SpanForm(props: {
  v: View;
  session: Session;
  type: 'silence' | 'maintenance';
  selector?: string;
}) {
  const { v, session } = props;
  return (
    <form method="post" action={props.type === 'silence' ? '/silences' : '/maintenance'} class="card">
      <Csrf session={session} />
      <strong>{v.w(props.type === 'silence' ? 'span.newSilence' : 'span.newMaintenance')}</strong>
      <label>
        {v.w('span.selector')}
        <input
          name="selector"
          required
          value={props.selector ?? ''}
          placeholder="host=web1,tag=web,kind=apt.pending,check=NAME"
          style="width:100%"
        />
      </label>
      <label>
        {v.w('ack.reason')}
        <input name="reason" required style="width:100%" />
      </label>
      <label>
        {v.w('span.for')}
        <input name="for" required placeholder="2h" />
      </label>
      {props.type === 'maintenance' && (
        <label>
          <input type="checkbox" name="end_when_ok" value="1" /> {v.w('span.endWhenOk')}
        </label>
      )}
      <p>
        <button type="submit">{v.w(props.type === 'silence' ? 'span.silence' : 'span.start')}</button>
      </p>
    </form>
  );
}

export function SpansPage(props: { v: View; session: Session; covers: Cover[]; canAct: boolean }) {
  const { v, session } = props;
  return (
    <>
      <h1>{v.w('span.title')}</h1>
      {props.covers.length === 0 ? (
        <p class="mut">{v.w('span.none')}</p>
      ) : (
        <table>
          <tbody>
            {props.covers.map((c) => (
              <tr>
                <td>
                  {v.w(`span.${c.type === 'silence' ? 'silence' : 'maintenance'}Label`)} #{c.id}
                </td>
                <td>
                  {c.selector ? formatSelector(c.selector) : ''} — {c.reason}
                  <div class="mut">
                    {c.by} · {c.until ? v.w('cover.until', { when: v.at(c.until) }) : ''}
                    {c.endWhenOk ? ` · ${v.w('span.endWhenOk')}` : ''}
                  </div>
                </td>
                <td>
                  {props.canAct && !c.recurring && c.type !== 'ack' && (
                    <form
                      method="post"
                      action={`/${c.type === 'silence' ? 'silences' : 'maintenance'}/${c.id}/end`}
                    >
                      <Csrf session={session} />
                      <button type="submit">{v.w('span.end')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canAct && (
        <>
          <SpanForm v={v} session={session} type="maintenance" />
          <SpanForm v={v} session={session} type="silence" />
        </>
      )}
    </>
  );
}
