import type { Draft } from '../notify/format.js';
import { md } from '../notify/format.js';

/** A host running an older version of a watched release (from docker.updates results). */
export interface OlderHost {
  host: string;
  version: string;
}

export interface NewRelease {
  version: string;
  tag: string;
  url?: string;
}

/** Safe link: the URL comes from upstream, so no `)` or spaces may break out of it. */
function link(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s()<>]+$/.test(url)) return '';
  return ` — [${label}](${url})`;
}

/** One new release of one watch, with the hosts that run an older one. */
export function releaseMessage(watch: string, r: NewRelease, older: readonly OlderHost[]): Draft {
  const hosts = older.length
    ? `\nRunning an older version: ${older.map((o) => `${md(o.host)} (${md(o.version)})`).join(', ')}.`
    : '';
  return {
    event: 'release.new',
    title: `${watch} ${r.version} released`,
    text: `**${md(watch)}** ${md(r.version)}${r.tag !== r.version ? ` (tag ${md(r.tag)})` : ''}${link('release notes', r.url)}${hosts}`,
    severity: 'info',
    ...(r.url && /^https?:\/\//.test(r.url) ? { url: r.url } : {}),
  };
}

/** Several new releases of one watch at once (a burst, a widened policy): one message, not a flood. */
export function burstMessage(watch: string, rs: readonly NewRelease[], older: readonly OlderHost[]): Draft {
  const newest = rs[0]!;
  const shown = rs.slice(0, 10).map((r) => `- ${md(r.version)}${link('notes', r.url)}`);
  const more = rs.length > 10 ? [`- … and ${rs.length - 10} more`] : [];
  const hosts = older.length
    ? [`Running an older version: ${older.map((o) => `${md(o.host)} (${md(o.version)})`).join(', ')}.`]
    : [];
  return {
    event: 'release.new',
    title: `${watch}: ${rs.length} new releases, newest ${newest.version}`,
    text: [...shown, ...more, ...hosts].join('\n'),
    severity: 'info',
  };
}

/** The first look at new watches: one message saying what is watched from now on. */
export function firstLookMessage(watches: readonly { name: string; latest?: string }[]): Draft {
  const lines = watches.map(
    (w) => `- **${md(w.name)}**: ${w.latest ? `latest ${md(w.latest)}` : 'no release yet'}`,
  );
  return {
    event: 'release.new',
    title: `Watching ${watches.length} upstream release${watches.length > 1 ? 's' : ''}`,
    text: `New releases will be posted here once each.\n${lines.join('\n')}`,
    severity: 'info',
  };
}
