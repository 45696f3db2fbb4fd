import { z } from 'zod';

/*
 * The parts of the Docker Engine API answers ronde reads (API 1.41, Debian 12's
 * docker.io 20.10, and later). Objects are loose: engines add fields.
 */
const labels = z
  .record(z.string(), z.string())
  .nullish()
  .transform((l) => l ?? {});

export const Version = z.looseObject({ ApiVersion: z.string(), Version: z.string() });
export type Version = z.output<typeof Version>;

export const Info = z.looseObject({ DockerRootDir: z.string() });

export const ContainerSummary = z.looseObject({
  Id: z.string(),
  Names: z
    .array(z.string())
    .nullish()
    .transform((n) => n ?? []),
  Image: z.string(),
  ImageID: z.string(),
  State: z.string(),
  Status: z.string(),
  Labels: labels,
  /** Creation time, epoch seconds: Compose recreates a container when its image or config changes. */
  Created: z.number().optional(),
});
export type ContainerSummary = z.output<typeof ContainerSummary>;

export const ContainerInspect = z.looseObject({
  RestartCount: z.number().default(0),
  State: z.looseObject({
    Status: z.string(),
    Restarting: z.boolean().default(false),
    ExitCode: z.number().optional(),
    StartedAt: z.string().optional(),
    Health: z.looseObject({ Status: z.string() }).nullish(),
  }),
});
export type ContainerInspect = z.output<typeof ContainerInspect>;

export const ImageSummary = z.looseObject({
  Id: z.string(),
  RepoTags: z
    .array(z.string())
    .nullish()
    .transform((t) => (t ?? []).filter((x) => x !== '<none>:<none>')),
  Created: z.number(),
  Size: z.number(),
});
export type ImageSummary = z.output<typeof ImageSummary>;

export const Volume = z.looseObject({
  Name: z.string(),
  Driver: z.string().optional(),
  Labels: labels,
  UsageData: z.looseObject({ Size: z.number(), RefCount: z.number() }).nullish(),
});
export type Volume = z.output<typeof Volume>;

export const VolumeList = z.looseObject({
  Volumes: z
    .array(Volume)
    .nullish()
    .transform((v) => v ?? []),
});

const DfImage = z.looseObject({
  Id: z.string(),
  RepoTags: z
    .array(z.string())
    .nullish()
    .transform((t) => (t ?? []).filter((x) => x !== '<none>:<none>')),
  Size: z.number(),
  SharedSize: z.number().default(-1),
  Containers: z.number(),
});
const DfContainer = z.looseObject({
  Id: z.string(),
  SizeRw: z.number().default(0),
  State: z.string().optional(),
});
const DfBuildCache = z.looseObject({
  ID: z.string(),
  Size: z.number(),
  InUse: z.boolean().default(false),
  Shared: z.boolean().default(false),
});

export const SystemDf = z.looseObject({
  LayersSize: z.number().default(0),
  Images: z
    .array(DfImage)
    .nullish()
    .transform((v) => v ?? []),
  Containers: z
    .array(DfContainer)
    .nullish()
    .transform((v) => v ?? []),
  Volumes: z
    .array(Volume)
    .nullish()
    .transform((v) => v ?? []),
  BuildCache: z
    .array(DfBuildCache)
    .nullish()
    .transform((v) => v ?? []),
});
export type SystemDf = z.output<typeof SystemDf>;

export const PruneReport = z.looseObject({ SpaceReclaimed: z.number().default(0) });
