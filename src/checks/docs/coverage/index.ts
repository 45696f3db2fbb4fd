import { DockerError } from '../../../clients/docker/client.js';
import { absentSocket, dockerFor, engineFailure, socketProbe } from '../../../clients/docker/engine.js';
import { DokuwikiClient } from '../../../clients/wiki/dokuwiki.js';
import { MediawikiClient } from '../../../clients/wiki/mediawiki.js';
import { type FetchFn, WikiError, type WikiSource } from '../../../clients/wiki/types.js';
import { resolveSecrets, SecretError } from '../../../config/secrets.js';
import { type CheckContext, type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { t } from '../../../i18n/index.js';
import { judgeCoverage, type Subject, type SubjectKind } from './judge.js';
import { CoverageOptions } from './options.js';

const PROJECT_LABEL = 'com.docker.compose.project';

/** The wiki client of the options (the password resolved now, at use). */
export function wikiOf(o: CoverageOptions, fetch?: FetchFn): WikiSource {
  const password = o.password !== undefined ? resolveSecrets(o.password).reveal() : undefined;
  const common = {
    url: o.url,
    ...(o.user !== undefined ? { user: o.user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(fetch ? { fetch } : {}),
    timeoutMs: o.request_timeout * 1000,
  };
  return o.wiki === 'dokuwiki'
    ? new DokuwikiClient(common)
    : new MediawikiClient({ ...common, namespace: o.namespace });
}

/** Compose projects of the host with their newest container's creation; a note when there is no Docker. */
async function composeProjects(
  ctx: CheckContext<CoverageOptions>,
): Promise<{ projects: Map<string, Date | undefined>; note?: string } | CheckOutcome> {
  const o = ctx.options;
  const absent = absentSocket(ctx.outputs[0], o.docker, ctx.target.transport);
  // No Docker on this host (and none configured): nothing to document for Compose.
  if (absent?.notApplicable) return { projects: new Map(), note: absent.summary };
  if (absent) return absent;
  try {
    const containers = await dockerFor(o.docker, ctx.target, ctx.signal).containers();
    const projects = new Map<string, Date | undefined>();
    for (const c of containers) {
      const p = c.Labels[PROJECT_LABEL];
      if (!p) continue;
      const created = c.Created !== undefined ? new Date(c.Created * 1000) : undefined;
      const prev = projects.get(p);
      projects.set(p, created && (!prev || created > prev) ? created : prev);
    }
    return { projects };
  } catch (err) {
    if (!(err instanceof DockerError)) throw err;
    const failure = engineFailure(err, o.docker, ctx.outputs[0], ctx.target.transport);
    if (failure.notApplicable) return { projects: new Map(), note: failure.summary };
    return failure;
  }
}

/** The page name of a subject: `pages:` first, else the kind's pattern; then as the wiki writes it. */
function pageName(
  o: CoverageOptions,
  wiki: WikiSource,
  kind: SubjectKind,
  name: string,
  host: string,
): string {
  const pattern = { host: o.host_page, compose: o.compose_page, service: o.service_page }[kind];
  const raw = o.pages[name] ?? pattern.replaceAll('{name}', name).replaceAll('{host}', host);
  return wiki.normalise(raw);
}

export async function evaluateCoverage(
  ctx: CheckContext<CoverageOptions>,
  fetch?: FetchFn,
): Promise<CheckOutcome> {
  const o = ctx.options;
  let wiki: WikiSource;
  try {
    wiki = wikiOf(o, fetch);
  } catch (err) {
    if (err instanceof SecretError)
      return unknown(t(ctx.lang, 'docs.coverage.password', { why: sayError(ctx.lang, err) }));
    throw err;
  }
  const host = ctx.target.name;
  const notes: string[] = [];
  const subjects: Subject[] = [];
  const add = (kind: SubjectKind, name: string, changedAt?: Date) => {
    if (o.ignore.includes(name)) return;
    subjects.push({
      kind,
      name,
      page: pageName(o, wiki, kind, name, host),
      ...(changedAt ? { changedAt } : {}),
    });
  };
  if (o.host) add('host', host);
  if (o.compose) {
    const found = await composeProjects(ctx);
    if ('status' in found) return found;
    if (found.note) notes.push(found.note);
    for (const [name, changed] of [...found.projects].sort(([a], [b]) => a.localeCompare(b)))
      add('compose', name, changed);
  }
  for (const name of o.services) add('service', name);
  let pages: Map<string, Date>;
  try {
    pages = new Map((await wiki.pages(ctx.signal)).map((p) => [wiki.normalise(p.id), p.modified]));
  } catch (err) {
    if (err instanceof WikiError)
      return unknown(t(ctx.lang, 'docs.coverage.unreadable', { url: o.url, why: sayError(ctx.lang, err) }));
    throw err;
  }
  return judgeCoverage(
    ctx.lang,
    subjects,
    pages,
    {
      graceSec: o.grace,
      ...(o.max_age !== undefined ? { maxAgeSec: o.max_age } : {}),
      pageUrl: (p) => wiki.pageUrl(p),
    },
    ctx.now,
    notes,
  );
}

/** The kind over a given fetch (tests); the registered one uses the global fetch. */
export function makeDocsCoverage(fetch?: FetchFn): CheckKind<CoverageOptions> {
  return defineCheck({
    id: 'docs.coverage',
    title: 'Every host and service has a current wiki page',
    options: CoverageOptions,
    zeroConfig: false,
    required: ['url'],
    timeoutSec: 120,
    // Pages change by hand: an hourly look is enough, and kind to the wiki.
    intervalSec: 3600,
    // The wiki is asked from ronde's machine; only the Docker socket probe runs on the host.
    commands: (o) => (o.compose ? socketProbe(o.docker) : []),
    evaluate: (ctx) => evaluateCoverage(ctx, fetch),
  });
}

export const docsCoverage = makeDocsCoverage();
