import { z } from 'zod';
import { dockerConnection } from '../../../clients/docker/settings.js';
import { secretString as secretRef } from '../../../core/secret-ref.js';
import { SOURCE_IDS } from '../../../sources/index.js';

/* The options of docker.updates. */

const level = z.enum(['OK', 'WARN', 'CRIT']);
const LevelOptions = z
  .object({
    major: level.default('WARN').describe('Status when behind by a major version.'),
    minor: level.default('OK').describe('Status when behind by a minor version (the lag is shown).'),
    patch: level.default('OK').describe('Status when behind by a patch version (the lag is shown).'),
    rebuilt: level.default('WARN').describe('Status when the running tag was rebuilt upstream (new digest).'),
  })
  .strict();

export const Service = z
  .object({
    image: z
      .string()
      .min(1)
      .describe('Image repository as containers name it: `redis`, `reg.example.org/team/app`.'),
    name: z.string().min(1).optional().describe('Name shown (default: the image).'),
    source: z
      .enum(SOURCE_IDS)
      .optional()
      .describe(
        'Where releases come from: `oci` (the image’s registry), `github`, `gitlab` (default: from the `org.opencontainers.image.source` label, else `oci`).',
      ),
    repo: z
      .string()
      .min(1)
      .optional()
      .describe('GitHub `OWNER/NAME` or GitLab project path (default: from the label).'),
    base_url: z
      .string()
      .regex(/^https?:\/\//)
      .optional()
      .describe('API or registry base URL (default: the public service, or the image’s registry).'),
    username: z.string().min(1).optional().describe('Registry login (OCI).'),
    token: secretRef
      .optional()
      .describe('Token or registry password, as a reference: `${env:GITHUB_TOKEN}`.'),
    use_tags: z.boolean().default(false).describe('GitHub/GitLab: compare with tags instead of releases.'),
    extract: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Regex extracting the version from a tag, e.g. `^(?<version>\\d+\\.\\d+\\.\\d+)-debian$` (default: same shape and suffix as the running tag).',
      ),
    prerelease: z.boolean().default(false).describe('Offer pre-releases.'),
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe('Versions or tags never offered; `*` wildcard (`9.*`).'),
    levels: LevelOptions.partial()
      .optional()
      .describe('Statuses for this service, over the top-level `levels`.'),
  })
  .strict();
export type Service = z.output<typeof Service>;

const Running = z
  .object({
    container: z.string().min(1).default('-').describe('Container name, shown in messages.'),
    image: z.string().min(1).describe('Image the container runs, as the engine names it: `redis:7.4.0`.'),
    digest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional()
      .describe('Manifest digest it was pulled by (`sha256:…`), to tell a rebuilt tag.'),
    labels: z
      .record(z.string(), z.string())
      .default({})
      .describe('Image labels (`org.opencontainers.image.version`, `.source`).'),
  })
  .strict();

export const Options = z
  .object({
    docker: dockerConnection,
    services: z
      .array(Service)
      .default([])
      .describe('Images with their own source or policy; others use their registry and defaults.'),
    all_images: z
      .boolean()
      .default(true)
      .describe('Also compare running images not listed in `services`, against their registry.'),
    levels: LevelOptions.prefault({}).describe('Status per kind of lag.'),
    running: z
      .array(Running)
      .optional()
      .describe('The running images, instead of asking the Docker engine (hosts without API access).'),
    insecure_registries: z
      .array(z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/, 'host or host:port'))
      .default([])
      .describe(
        'Registries asked over plain HTTP, `host` or `host:port`, as in the Docker daemon’s `insecure-registries`; loopback ones (127.0.0.0/8, `localhost`) always are, any other is asked over HTTPS.',
      ),
    request_timeout: z
      .number()
      .positive()
      .default(15)
      .describe('Time limit of each upstream request, seconds.'),
  })
  .strict();
export type DockerUpdatesOptions = z.output<typeof Options>;
