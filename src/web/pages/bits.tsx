import type { Status } from '../../core/status.js';
import type { Cover } from '../../notify/covers.js';
import { formatSelector } from '../../notify/covers.js';
import type { View } from '../words.js';

export const hostHref = (host: string) => `/hosts/${encodeURIComponent(host)}`;
export const checkHref = (host: string, check: string) =>
  `/hosts/${encodeURIComponent(host)}/checks/${encodeURIComponent(check)}`;
export const routineHref = (id: string) => `/routines/${encodeURIComponent(id)}`;

export function St(props: { status: Status }) {
  return <span class={`st ${props.status}`}>{props.status}</span>;
}

export function When(props: { v: View; at: Date }) {
  return (
    <time datetime={props.at.toISOString()} title={props.v.at(props.at)}>
      {props.v.ago(props.at)}
    </time>
  );
}

export function Covers(props: { v: View; covers: Cover[] }) {
  const { v } = props;
  if (props.covers.length === 0) return null;
  return (
    <ul class="covers mut">
      {props.covers.map((c) => (
        <li>
          {v.w(`cover.${c.type}`, { by: c.by, reason: c.reason })}
          {c.selector ? ` [${formatSelector(c.selector)}]` : ''} —{' '}
          {c.until ? v.w('cover.until', { when: v.at(c.until) }) : v.w('cover.untilRecovery')}
        </li>
      ))}
    </ul>
  );
}
