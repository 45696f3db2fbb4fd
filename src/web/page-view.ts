import type { Context } from 'hono';
import type { Lang } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import type { WebEnv } from './context.js';
import { type View, view } from './words.js';

/** The page's language: the user's choice, else the browser's, else the configured one. */
export function pageLang(c: Context<WebEnv>): Lang {
  const chosen = c.get('session')?.user.language;
  if (chosen) return chosen;
  return 'en';
}

export function pageView(c: Context<WebEnv>): View {
  const deps = c.get('deps');
  return view(pageLang(c), boardTimeZone(deps.config), deps.now?.() ?? new Date());
}
