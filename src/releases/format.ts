import { type Lang, t } from '../i18n/index.js';
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
export function releaseMessage(lang: Lang, watch: string, r: NewRelease, older: readonly OlderHost[]): Draft {
  const hosts = older.length ? `\n${olderLine(lang, older)}` : '';
  const tag = r.tag !== r.version ? ` ${t(lang, 'release.tag', { tag: md(r.tag) })}` : '';
  return {
    event: 'release.new',
    title: t(lang, 'release.title', { watch, version: r.version }),
    text: `**${md(watch)}** ${md(r.version)}${tag}${link(t(lang, 'release.notes'), r.url)}${hosts}`,
    severity: 'info',
    ...(r.url && /^https?:\/\//.test(r.url) ? { url: r.url } : {}),
  };
}

/** Several new releases of one watch at once (a burst, a widened policy): one message, not a flood. */
export function burstMessage(
  lang: Lang,
  watch: string,
  rs: readonly NewRelease[],
  older: readonly OlderHost[],
): Draft {
  const newest = rs[0]!;
  const shown = rs.slice(0, 10).map((r) => `- ${md(r.version)}${link(t(lang, 'release.notesShort'), r.url)}`);
  const more = rs.length > 10 ? [`- ${t(lang, 'release.more', { n: rs.length - 10 })}`] : [];
  const hosts = older.length ? [olderLine(lang, older)] : [];
  return {
    event: 'release.new',
    title: t(lang, 'release.burst.title', { watch, n: rs.length, newest: newest.version }),
    text: [...shown, ...more, ...hosts].join('\n'),
    severity: 'info',
  };
}

/** The first look at new watches: one message saying what is watched from now on. */
export function firstLookMessage(lang: Lang, watches: readonly { name: string; latest?: string }[]): Draft {
  const lines = watches.map(
    (w) =>
      `- **${md(w.name)}**: ${w.latest ? t(lang, 'release.latest', { version: md(w.latest) }) : t(lang, 'release.none')}`,
  );
  return {
    event: 'release.new',
    title: t(lang, 'release.watching.title', { n: watches.length }),
    text: `${t(lang, 'release.watching.text')}\n${lines.join('\n')}`,
    severity: 'info',
  };
}

function olderLine(lang: Lang, older: readonly OlderHost[]): string {
  return t(lang, 'release.older', { hosts: older.map((o) => `${md(o.host)} (${md(o.version)})`).join(', ') });
}
