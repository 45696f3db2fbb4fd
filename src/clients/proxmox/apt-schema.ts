import { z } from 'zod';

/*
 * Shapes of the APT endpoints of the Proxmox VE API, after PVE/API2/APT.pm of
 * pve-manager (`assemble_pkginfo`): the same object for versions and pending
 * updates. Careful: in `versions`, `OldVersion` is the installed version and
 * `Version` the candidate; in `update`, `OldVersion` is absent for a package
 * that an upgrade would newly install.
 */
export const AptPackage = z.looseObject({
  Package: z.string(),
  Version: z.string(),
  OldVersion: z.string().optional(),
  /** `Proxmox`, `Debian`, … (the Origin of the candidate's Release file); `unknown` if none. */
  Origin: z.string().optional(),
  Title: z.string().optional(),
  Section: z.string().optional(),
  /** versions only: `Installed`, `NotInstalled`, `ConfigFiles`… */
  CurrentState: z.string().optional(),
  /** versions, on pve-manager: `pveversion`'s version text. */
  ManagerVersion: z.string().optional(),
  /** versions, on proxmox-ve: `uname -r` of the running kernel. */
  RunningKernel: z.string().optional(),
  ChangeLogUrl: z.string().optional(),
});
export type AptPackage = z.output<typeof AptPackage>;
