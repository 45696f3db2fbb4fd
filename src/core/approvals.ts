/** The Compose services that ran on a host when a person last approved it (`ronde docker approve`). */
export interface DockerApproval {
  host: string;
  /** `project/service`, sorted. */
  services: string[];
  at: Date;
  by: string;
}

/**
 * Where checks read approvals: a repository of the store (store/docker-approvals.ts),
 * handed to them through CheckContext by whoever opened the store.
 */
export interface ApprovalReader {
  approval(host: string): Promise<DockerApproval | undefined>;
}
