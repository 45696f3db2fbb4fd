import { z } from 'zod';
import type { DockerClient } from '../../../clients/docker/client.js';
import { splitImage } from '../../../sources/oci.js';

/** One running container's image, as docker.updates compares it. */
export interface RunningImage {
  container: string;
  /** As the container was created: `redis:7.4.0`, `reg.example.org/team/app:1.2`. */
  image: string;
  /** The manifest digest it was pulled by (`sha256:…`), when the engine knows it. */
  digest?: string;
  /** Image labels (`org.opencontainers.image.version`, `.source`). */
  labels: Record<string, string>;
}

/** Where the running images come from: the engine by default; a list or a stub in tests. */
export type RunningProvider = () => Promise<RunningImage[]>;

// Fields the engine sends that the shared client schema passes through untyped.
const ImageExtra = z.looseObject({
  Id: z.string(),
  RepoDigests: z.array(z.string()).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
});

/** Running containers and the digest and labels of their images, through the Docker client. */
export async function runningFromEngine(client: DockerClient): Promise<RunningImage[]> {
  const [containers, images] = await Promise.all([client.containers(), client.images()]);
  const byId = new Map<string, z.output<typeof ImageExtra>>();
  for (const img of images) {
    const extra = ImageExtra.safeParse(img);
    if (extra.success) byId.set(extra.data.Id, extra.data);
  }
  return containers
    .filter((c) => c.State === 'running')
    .map((c) => {
      const img = byId.get(c.ImageID);
      const repo = splitImage(c.Image).repository;
      // RepoDigests are `repo@sha256:…`; the one of this repository is what was pulled.
      const digest = img?.RepoDigests?.map(splitImage).find((d) => d.repository === repo)?.digest;
      return {
        container: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        image: c.Image,
        ...(digest ? { digest } : {}),
        labels: { ...(img?.Labels ?? {}), ...c.Labels },
      };
    });
}
