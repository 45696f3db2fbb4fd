import type { Context } from 'hono';
import { isLang, type Lang } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import type { WebEnv } from './context.js';
import { type View, view } from './words.js';

/** The page's language: the user's choice, else the browser's (Accept-Language), else the team's (`language:`). */
export function pageLang(c: Context<WebEnv>): Lang {
  const chosen = c.get('session')?.user.language;
  if (chosen) return chosen;
  return browserLang(c.req.header('accept-language')) ?? c.get('deps').config.language ?? 'en';
}

/** The first language of `Accept-Language` (by q) that ronde speaks. */
export function browserLang(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find((l): l is Lang => isLang(l));
}

export function pageView(c: Context<WebEnv>): View {
  const deps = c.get('deps');
  return view(pageLang(c), boardTimeZone(deps.config), deps.now?.() ?? new Date());
}
