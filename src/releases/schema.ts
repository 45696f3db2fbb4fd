import { z } from 'zod';
import { secretString as SecretString } from '../core/secret-ref.js';
import { type Lang, t } from '../i18n/index.js';
import { SOURCE_IDS } from '../sources/index.js';

/*
 * The `releases:` section of ronde.yaml: the release bot's watch list. Defined
 * here, not in config/schema.ts, which imports it (like notify/schema.ts).
 */

const Name = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a name of letters, digits, ".", "_" or "-"' });

export const ReleaseWatch = z
  .object({
    name: Name.describe('Name of the watch, shown in messages (e.g. `mattermost`).'),
    source: z
      .enum(SOURCE_IDS)
      .describe('`github`, `gitlab` (releases or tags) or `oci` (a registry’s tags).'),
    repo: z
      .string()
      .min(1)
      .describe(
        'GitHub `OWNER/NAME`, GitLab project path (`group/app`), or the image for `oci` (`redis`, `reg.example.org/team/app`).',
      ),
    base_url: z
      .string()
      .regex(/^https?:\/\//, { error: 'expected an http:// or https:// URL' })
      .optional()
      .describe('API or registry base URL (default: github.com, gitlab.com, or the image’s registry).'),
    username: z.string().min(1).optional().describe('Registry login (`oci`).'),
    token: SecretString.optional().describe(
      'API token or registry password, as a reference: `${env:GITHUB_TOKEN}`.',
    ),
    use_tags: z.boolean().default(false).describe('GitHub/GitLab: watch tags instead of releases.'),
    extract: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Regex whose `version` group (or group 1) is the version in a tag, e.g. `^v(\\d+\\.\\d+\\.\\d+)$`.',
      ),
    prerelease: z.boolean().default(false).describe('Announce pre-releases too.'),
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe('Versions or tags never announced; `*` wildcard.'),
    images: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Image repositories of this software, to name the hosts running an older version (from docker.updates; default: `repo` for `oci`).',
      ),
    notify: z
      .array(Name)
      .min(1)
      .optional()
      .describe('Notifiers to post to (default: the `routes:` of event `release.new`).'),
  })
  .strict();
export type ReleaseWatch = z.output<typeof ReleaseWatch>;

export const Releases = z
  .array(ReleaseWatch)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, w] of list.entries()) {
      if (seen.has(w.name))
        ctx.addIssue({
          code: 'custom',
          message: `release watch "${w.name}" defined twice`,
          params: { key: 'config.release.twice', name: w.name },
          path: [i, 'name'],
        });
      seen.add(w.name);
    }
  })
  .describe('Upstream releases the bot announces once each (see docs/releases.md).');
export type Releases = z.output<typeof Releases>;

/** Cross-section check for the config loader: `notify` must name defined notifiers. */
export function releaseNotifyIssues(
  releases: readonly ReleaseWatch[],
  notifiers: readonly { name: string }[],
  lang: Lang = 'en',
): { path: (string | number)[]; message: string }[] {
  const names = new Set(notifiers.map((n) => n.name));
  return releases.flatMap((w, i) =>
    (w.notify ?? [])
      .map((n, j) => ({ n, j }))
      .filter(({ n }) => !names.has(n))
      .map(({ n, j }) => ({
        path: ['releases', i, 'notify', j],
        message: t(lang, 'config.notifier.none', { name: n }),
      })),
  );
}
