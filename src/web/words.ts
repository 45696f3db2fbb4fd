import { dateTime, duration, type Lang } from '../i18n/index.js';
import { type PageWords, webEn } from '../i18n/web-en.js';
import { webFr } from '../i18n/web-fr.js';

export type WordKey = keyof PageWords;
type Params<K extends WordKey> = PageWords[K] extends (p: infer P) => string ? [params: P] : [];

const CATALOGUES: Record<Lang, PageWords> = { en: webEn, fr: webFr };

/** What every page needs to speak: its words, the time zone, the clock. */
export interface View {
  lang: Lang;
  tz: string;
  now: Date;
  w<K extends WordKey>(key: K, ...params: Params<K>): string;
  /** `2026-03-02 10:00 CET`. */
  at(d: Date): string;
  /** `3 h ago`. */
  ago(d: Date): string;
}

export function view(lang: Lang, tz: string, now: Date): View {
  const cat = CATALOGUES[lang];
  return {
    lang,
    tz,
    now,
    w: (key, ...params) => {
      const e = cat[key] as string | ((p: unknown) => string);
      return typeof e === 'function' ? e(params[0]) : e;
    },
    at: (d) => dateTime(d, tz),
    ago: (d) => {
      const s = (now.getTime() - d.getTime()) / 1000;
      const text = duration(lang, Math.abs(s));
      if (lang === 'fr') return s >= 0 ? `il y a ${text}` : `dans ${text}`;
      return s >= 0 ? `${text} ago` : `in ${text}`;
    },
  };
}
