import type { Child } from 'hono/jsx';
import type { Session } from '../../auth/sessions.js';
import type { View } from '../words.js';

/*
 * One small stylesheet, inline: no build step, no second request, readable on
 * a phone (one column under 40em). No script is needed to use any page.
 */
const CSS = `
:root{color-scheme:light dark;--ok:#1a7f37;--warn:#9a6700;--crit:#cf222e;--unk:#6e7781;--mut:#6e7781}
*{box-sizing:border-box}body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72em;padding:.5em 1em 3em}
header{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;border-bottom:1px solid #8884;padding:.4em 0;margin-bottom:1em}
header nav{display:flex;flex-wrap:wrap;gap:.2em 1em}header .me{margin-left:auto;display:flex;gap:.5em;align-items:center}
a{color:inherit}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3em .5em;border-bottom:1px solid #8883;vertical-align:top}
.st{font-weight:600;white-space:nowrap}.OK{color:var(--ok)}.WARN{color:var(--warn)}.CRIT{color:var(--crit)}.UNKNOWN{color:var(--unk)}
.overdue{color:var(--crit)}.due{color:var(--warn)}.mut{color:var(--mut);font-size:.9em}
.card{border:1px solid #8884;border-radius:.4em;padding:.6em .8em;margin:.5em 0}
form.inline{display:inline}input,select,textarea,button{font:inherit;padding:.35em .5em;max-width:100%}
label{display:block;margin:.5em 0 .2em}.err{color:var(--crit)}.ok{color:var(--ok)}
@media (max-width:40em){td,th{padding:.25em .3em}.hide-s{display:none}}
`;

export function Layout(props: { v: View; title: string; session?: Session | undefined; children?: Child }) {
  const s = props.session;
  const { v } = props;
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ronde`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <strong>
            <a href="/">ronde</a>
          </strong>
          {s && (
            <nav>
              <a href="/">{v.w('nav.home')}</a>
              <a href="/backups">{v.w('nav.backups')}</a>
              <a href="/releases">{v.w('nav.releases')}</a>
              <a href="/silences">{v.w('nav.silences')}</a>
              <a href="/audit">{v.w('nav.audit')}</a>
            </nav>
          )}
          {s && (
            <span class="me">
              <span class="mut">
                {s.user.name} ({s.user.role})
              </span>
              <form class="inline" method="post" action="/language">
                <input type="hidden" name="_csrf" value={s.csrf} />
                <select name="lang" aria-label={v.w('nav.language')}>
                  <option value="en" selected={v.lang === 'en'}>
                    English
                  </option>
                  <option value="fr" selected={v.lang === 'fr'}>
                    Français
                  </option>
                </select>
                <button type="submit">{v.w('nav.language')}</button>
              </form>
              <form class="inline" method="post" action="/logout">
                <input type="hidden" name="_csrf" value={s.csrf} />
                <button type="submit">{v.w('nav.logout')}</button>
              </form>
            </span>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function Csrf(props: { session: Session }) {
  return <input type="hidden" name="_csrf" value={props.session.csrf} />;
}
