import { z } from 'zod';
import type { AptPackage } from '../../../clients/proxmox/apt-schema.js';
import { ProxmoxClient, ProxmoxError } from '../../../clients/proxmox/client.js';
import { durationSchema } from '../../../config/duration.js';
import { SecretError } from '../../../config/secrets.js';
import { type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { notBoth } from '../../../core/sentence.js';
import { STATUSES } from '../../../core/status.js';
import { t } from '../../../i18n/index.js';
import { type ConnectionFetcher, connectionFetcher, connectionOptions } from '../_shared/connection.js';
import { type ChangelogEntry, entriesBetween, parseChangelog } from './changelog.js';
import { judgeUpdates, type NodeFacts, reason } from './judge.js';

const Options = z
  .object({
    ...connectionOptions,
    security: z
      .enum(STATUSES)
      .default('CRIT')
      .describe('Status when a security update is pending on a node.'),
    pending: z.enum(STATUSES).default('WARN').describe('Status when any other update is pending.'),
    skew: z
      .enum(STATUSES)
      .default('WARN')
      .describe('Status when the nodes run different pve-manager versions or kernels.'),
    changelogs: z
      .enum(['proxmox', 'all', 'none'])
      .default('proxmox')
      .describe(
        'Changelogs read for pending packages: of Proxmox packages, of all (a CVE in a Debian changelog marks it security), or none.',
      ),
    max_index_age: durationSchema
      .prefault('7d')
      .describe("WARN when a node's package index was last refreshed (its `aptupdate` task) longer ago."),
  })
  .strict()
  .refine((o) => !(o.ca_file && o.fingerprint), notBoth('ca_file', 'fingerprint'));
export type ProxmoxUpdatesOptions = z.output<typeof Options>;

/** The newest successful package index refresh in the node's task list, or null. */
async function indexRefreshedAt(api: ProxmoxClient, node: string): Promise<number | null> {
  try {
    const tasks = await api.tasks(node, { typefilter: 'aptupdate', limit: 20 });
    const ok = tasks.filter((x) => x.status === 'OK' && x.endtime !== undefined);
    return ok.length ? Math.max(...ok.map((x) => x.endtime!)) : null;
  } catch {
    // The age is a bonus the task list may not give: its absence is said in details (null).
    return null;
  }
}

async function readNode(
  api: ProxmoxClient,
  node: string,
  o: ProxmoxUpdatesOptions,
  cache: Map<string, Promise<ChangelogEntry[] | { error: string }>>,
): Promise<NodeFacts> {
  const [versions, updates, refreshed] = await Promise.all([
    api.aptVersions(node).catch((e: unknown) => reason(e)),
    api
      .aptUpdates(node)
      .catch((e: unknown) =>
        e instanceof ProxmoxError && e.httpStatus === 403 ? ('denied' as const) : reason(e),
      ),
    indexRefreshedAt(api, node),
  ]);
  const changelogs: NodeFacts['changelogs'] = {};
  if (Array.isArray(updates)) {
    const wanted = updates.filter(
      (p: AptPackage) =>
        p.OldVersion !== undefined &&
        (o.changelogs === 'all' || (o.changelogs === 'proxmox' && p.Origin === 'Proxmox')),
    );
    await Promise.all(
      wanted.map(async (p) => {
        // The same package version on several nodes: its changelog is read once.
        const key = `${p.Package}_${p.Version}`;
        let entry = cache.get(key);
        if (!entry) {
          entry = api
            .aptChangelog(node, p.Package, p.Version)
            .then((text) => parseChangelog(text))
            .catch((e: unknown) => reason(e));
          cache.set(key, entry);
        }
        const got = await entry;
        changelogs[p.Package] = Array.isArray(got) ? entriesBetween(got, p.OldVersion!, p.Version) : got;
      }),
    );
  }
  return { node, online: true, versions, updates, indexRefreshedAt: refreshed, changelogs };
}

export function makeProxmoxUpdates(factory: ConnectionFetcher): CheckKind<ProxmoxUpdatesOptions> {
  return defineCheck({
    id: 'proxmox.updates',
    title: 'Proxmox VE nodes: versions, pending updates and their changelogs, version skew',
    options: Options,
    zeroConfig: false,
    timeoutSec: 120,
    intervalSec: 6 * 3600,
    // Talks to the API from ronde's machine: nothing runs on the target.
    commands: () => [],
    async evaluate(ctx): Promise<CheckOutcome> {
      const o = ctx.options;
      try {
        const api = new ProxmoxClient(factory(o), ctx.signal);
        const nodes = (await api.nodes()).sort((a, b) => a.node.localeCompare(b.node));
        const cache = new Map<string, Promise<ChangelogEntry[] | { error: string }>>();
        const facts = await Promise.all(
          nodes.map((n) =>
            n.status === 'online'
              ? readNode(api, n.node, o, cache)
              : Promise.resolve<NodeFacts>({
                  node: n.node,
                  online: false,
                  versions: [],
                  updates: [],
                  indexRefreshedAt: null,
                  changelogs: {},
                }),
          ),
        );
        return judgeUpdates(
          facts,
          { security: o.security, pending: o.pending, skew: o.skew, maxIndexAgeSec: o.max_index_age },
          ctx.lang,
          ctx.now,
        );
      } catch (err) {
        if (err instanceof ProxmoxError || err instanceof SecretError)
          return unknown(t(ctx.lang, 'proxmox.updates.api', { url: o.url, error: sayError(ctx.lang, err) }));
        throw err;
      }
    },
  });
}

export const proxmoxUpdates = makeProxmoxUpdates(connectionFetcher);
