/** The Compose services that ran on a host when a person last approved it (`ronde docker approve`). */
export interface DockerApproval {
  host: string;
  /** `project/service`, sorted. */
  services: string[];
  at: Date;
  by: string;
}

import type { AccessReader } from './access.js';

/**
 * Where checks read approvals: a repository of the store (store/docker-approvals.ts),
 * handed to them through CheckContext by whoever opened the store.
 */
export interface ApprovalReader extends Partial<AccessReader> {
  approval(host: string): Promise<DockerApproval | undefined>;
}
