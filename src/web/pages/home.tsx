import type { StatusCounts } from '../../store/queries.js';
import type { BoardRow, Home, HostProblems, Problem } from '../data.js';
import type { View } from '../words.js';
import { Covers, checkHref, hostHref, routineHref, St, When } from './bits.js';

export function RoutineState(props: { v: View; row: BoardRow }) {
  const { v, row } = props;
  const s = row.state;
  const text =
    s.status === 'overdue' ? v.w('routine.overdue', { n: s.overdueDays ?? 1 }) : v.w(`routine.${s.status}`);
  return <span class={`st ${s.status}`}>{text}</span>;
}

/** Hosts with problems the home page lists, per section; the rest are on /problems (a phone's page stays short). */
export const HOME_HOSTS = 30;

/**
 * Problems grouped by host: open ones, then those acknowledged, silenced or
 * in maintenance apart (never hidden). `max` hosts per section at most, with
 * how many more there are.
 */
export function ProblemsByHost(props: { v: View; problems: HostProblems[]; max?: number }) {
  const { v, problems } = props;
  const max = props.max ?? Number.POSITIVE_INFINITY;
  const open = problems.filter((h) => h.open.length > 0);
  const covered = problems.filter((h) => h.covered.length > 0);
  return (
    <>
      {open.length === 0 && <p class="ok">{v.w('home.noProblems')}</p>}
      {open.slice(0, max).map((h) => (
        <div class="card">
          <strong>
            <a href={hostHref(h.host)}>{h.host}</a>
          </strong>
          <ProblemList v={v} list={h.open} />
        </div>
      ))}
      {open.length > max && <p class="mut">{v.w('home.moreHosts', { n: open.length - max })}</p>}
      {covered.length > 0 && (
        <>
          <h3>{v.w('home.covered')}</h3>
          {covered.slice(0, max).map((h) => (
            <div class="card covered">
              <strong>
                <a href={hostHref(h.host)}>{h.host}</a>
              </strong>
              <ProblemList v={v} list={h.covered} />
            </div>
          ))}
          {covered.length > max && <p class="mut">{v.w('home.moreHosts', { n: covered.length - max })}</p>}
        </>
      )}
    </>
  );
}

/** How many checks are in each status, the whole fleet's. */
export function Counts(props: { v: View; counts: StatusCounts }) {
  const c = props.counts;
  return (
    <p class="mut">
      {props.v.w('home.counts', {
        total: c.OK + c.WARN + c.CRIT + c.UNKNOWN + c.notApplicable,
        ok: c.OK,
        warn: c.WARN,
        crit: c.CRIT,
        unknown: c.UNKNOWN,
        na: c.notApplicable,
      })}
    </p>
  );
}

export function HomePage(props: { v: View; home: Home }) {
  const { v, home } = props;
  return (
    <>
      <h2>{v.w('home.routines')}</h2>
      {home.board.length === 0 ? (
        <p class="mut">{v.w('home.noRoutines')}</p>
      ) : (
        <table>
          <tbody>
            {home.board.map((row) => (
              <tr>
                <td>
                  <RoutineState v={v} row={row} />
                </td>
                <td>
                  <a href={routineHref(row.routine.id)}>{row.routine.title}</a>
                  <div class="mut">
                    {row.lastDone
                      ? v.w('routine.lastDone', { who: row.lastDone.by, when: v.ago(row.lastDone.at) })
                      : v.w('routine.neverDone')}
                    {' · '}
                    {v.w('routine.nextDue', { when: v.at(row.state.nextDue) })}
                    {row.next && (
                      <>
                        {' · '}
                        {v.w(row.next.assigned ? 'routine.assigned' : 'routine.suggested', {
                          who: row.next.member.name,
                        })}
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{v.w('home.problems')}</h2>
      <Counts v={v} counts={home.counts} />
      <ProblemsByHost v={v} problems={home.problems} max={HOME_HOSTS} />
      {home.problems.length > 0 && (
        <p>
          <a href="/problems">{v.w('home.allProblems')}</a>
        </p>
      )}

      <h2>{v.w('home.changes')}</h2>
      {home.changes.length === 0 ? (
        <p class="mut">{v.w('home.noChanges')}</p>
      ) : (
        <table>
          <tbody>
            {home.changes.map((c) => (
              <tr>
                <td class="mut">
                  <When v={v} at={c.at} />
                </td>
                <td>
                  <a href={checkHref(c.target, c.check)}>
                    {c.target} · {c.check}
                  </a>
                </td>
                <td>
                  {c.from ? <St status={c.from} /> : '∅'} → <St status={c.to} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{v.w('home.self')}</h2>
      <p>
        {home.self.state ? <St status={home.self.state.status} /> : null} {home.self.state?.summary}
      </p>
      {!home.self.healthy && <p class="err">{v.w('home.loopStuck')}</p>}
      <p class="mut">
        {v.w('home.lastRound')}: {(() => {
          const at = (home.self.daemon as { lastRoundAt?: string | null }).lastRoundAt;
          return at ? <When v={v} at={new Date(at)} /> : v.w('home.never');
        })()}
        {' · '}
        {v.w('home.outbox', { pending: home.self.pending, failed: home.self.failed })}
      </p>
    </>
  );
}

function ProblemList(props: { v: View; list: Problem[] }) {
  const { v } = props;
  return (
    <ul>
      {props.list.map((p) => (
        <li>
          <St status={p.status} /> <a href={checkHref(p.target, p.check)}>{p.check}</a> — {p.summary}{' '}
          <span class="mut">({v.w('check.since', { when: v.ago(p.since) })})</span>
          <Covers v={v} covers={p.covers} />
        </li>
      ))}
    </ul>
  );
}
