/*
 * Is there an English sentence of ours in a French text? `englishWords`
 * returns the common English words it finds, outside what is not ours to
 * translate: `code`, "quoted" and « quoted » text, key=value, dotted ids and config paths, URLs and file paths, and the
 * raw texts the caller names (another program's error, quoted after a colon
 * as it came). A French test asserts `englishWords(text)` is empty:
 *
 *   expect(englishWords(outcome.summary, { raw: ['connect ECONNREFUSED'] })).toEqual([]);
 *
 * The words are the ones no French sentence uses (no "a", no "on", no "plus").
 */
const ENGLISH = new Set(
  (
    'the and of is are was were be been with without cannot could not no found for to from ' +
    'has have had by in at it its this that these those which what when where why how ' +
    'failed error missing unknown did you your mean expected should must or an any ' +
    'none only all every than then there their does done doesn will would can may ' +
    'answer answered reply refused unreachable timed out after before invalid read write ' +
    'check checks message messages sent send retry retries host hosts routine routines ' +
    'completed by its still since ago more less set give given please see use instead ' +
    // the verbs and nouns of --help texts (test/cli/help-lang.test.ts)
    'show shows list lists default print prints display output command each into within through'
  ).split(/\s+/),
);

export function englishWords(text: string, o: { raw?: readonly string[] } = {}): string[] {
  let s = text;
  for (const r of o.raw ?? []) s = s.split(r).join(' ');
  s = s
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/«[^»]*»/g, ' ')
    .replace(/\S*=\S*/g, ' ') // p=none, --force=yes: settings, not sentences
    .replace(/[A-Za-z_][\w-]*(?:\[[^\]]*\]|\.[A-Za-z_][\w-]*)+/g, ' ') // hosts[0].name, system.disk: paths and ids
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ')
    .replace(/(?:^|\s)(?:\.{0,2}\/[\w.@%+-]+)+\/?/g, ' ');
  // Whole words, accents included: "listés" is not "list".
  return (s.match(/[\p{L}']+/gu) ?? []).filter((w) => ENGLISH.has(w.toLowerCase()));
}
