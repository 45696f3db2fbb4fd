import type { CheckView, HostView } from '../data.js';
import type { View } from '../words.js';
import { Covers, checkHref, hostHref, St, When } from './bits.js';
import { LineChart, Timeline } from './charts.js';

export function HostPage(props: { v: View; host: HostView; children?: unknown }) {
  const { v, host } = props;
  return (
    <>
      <h1>{host.host}</h1>
      {host.tags.length > 0 && <p class="mut">{v.w('host.tags', { tags: host.tags.join(', ') })}</p>}
      {props.children}
      <h2>{v.w('host.checks')}</h2>
      {host.checks.length === 0 ? (
        <p class="mut">{v.w('host.unknown')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{v.w('col.status')}</th>
              <th>{v.w('col.check')}</th>
              <th>{v.w('col.summary')}</th>
              <th class="hide-s">{v.w('col.since')}</th>
            </tr>
          </thead>
          <tbody>
            {host.checks.map((c) => (
              <tr>
                <td>{c.notApplicable ? <span class="st mut">n/a</span> : <St status={c.status} />}</td>
                <td>
                  <a href={checkHref(c.target, c.check)}>{c.check}</a>
                </td>
                <td>
                  {c.summary}
                  <Covers v={v} covers={c.covers} />
                </td>
                <td class="hide-s mut">
                  <When v={v} at={c.since} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{v.w('check.changes')}</h2>
      <Changes v={v} changes={host.changes} />
    </>
  );
}

function Changes(props: { v: View; changes: HostView['changes'] }) {
  const { v } = props;
  return (
    <table>
      <tbody>
        {props.changes.map((c) => (
          <tr>
            <td class="mut">{v.at(c.at)}</td>
            <td>{c.check}</td>
            <td>
              {c.from ? <St status={c.from} /> : '∅'} → <St status={c.to} />
            </td>
            <td class="hide-s">{c.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CheckPage(props: { v: View; view: CheckView; children?: unknown }) {
  const { v, view } = props;
  const s = view.state;
  return (
    <>
      <p class="mut">
        <a href={hostHref(s.target)}>{s.target}</a> · {s.kind}
      </p>
      <h1>
        {s.check} <St status={s.status} />
      </h1>
      <p>
        {s.summary} <span class="mut">({v.w('check.since', { when: v.at(s.since) })})</span>
      </p>
      <Covers v={v} covers={s.covers} />
      {view.suggestions.length > 0 && (
        <>
          <h2>{v.w('check.suggestions')}</h2>
          <ul>
            {view.suggestions.map((x) => (
              <li>
                {x.url ? <a href={x.url}>{x.text}</a> : x.text}
                {x.group || x.since ? (
                  <span class="mut">
                    {' '}
                    —{' '}
                    {[x.group, x.since ? v.w('check.suggestion.since', { date: x.since }) : '']
                      .filter(Boolean)
                      .join(', ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.children}
      <h2>{v.w('check.timeline')}</h2>
      <Timeline
        segments={view.timeline.segments}
        from={view.timeline.from}
        to={view.timeline.to}
        label={v.w('check.timeline')}
      />
      {view.metric && view.metric.points.length > 1 && (
        <>
          <h2>{v.w('check.chart', { name: view.metric.name })}</h2>
          <LineChart points={view.metric.points} unit={view.metric.unit} label={view.metric.name} />
        </>
      )}
      <h2>{v.w('check.changes')}</h2>
      <Changes v={v} changes={view.changes} />
      <h2>{v.w('check.recent')}</h2>
      <table>
        <tbody>
          {view.recent.map((r) => (
            <tr>
              <td class="mut">{v.at(r.at)}</td>
              <td>
                <St status={r.status} />
              </td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
