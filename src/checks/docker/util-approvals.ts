/** The Compose services that ran on a host when a person last approved it (`ronde docker approve`). */
export interface DockerApproval {
  host: string;
  /** `project/service`, sorted. */
  services: string[];
  at: Date;
  by: string;
}

export interface ApprovalReader {
  approval(host: string): Promise<DockerApproval | undefined>;
}

let reader: ApprovalReader | undefined;

/**
 * Where docker.services reads approvals: the store the round saves to, set by
 * whoever opened it (`ronde check`, the daemon). A check never opens the store
 * itself; without one, an undeclared host is UNKNOWN, never guessed.
 */
export function useDockerApprovals(r: ApprovalReader | undefined): void {
  reader = r;
}

export function dockerApprovals(): ApprovalReader | undefined {
  return reader;
}
