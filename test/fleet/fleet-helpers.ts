import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shQuote } from '../../src/core/command.js';
import { CLI, type CliRun, ronde, tempDir } from '../cli/run-cli.js';
import type { LabSshd, LabSshHost } from '../lab/sshd.js';

/** The lab account: a plain /bin/sh, so a session does not pay for root's ~/.bashrc. */
export const LAB_USER = 'ronde-lab';

export interface FleetHost {
  name: string;
  /** Lab sshd it points at, or a bare address:port (silent listener). */
  at: LabSshHost | { address: string; port: number };
  tags?: string[];
  /** known_hosts file given in the inventory. */
  knownHosts: string;
  /** `ssh.jump`: another inventory host or `[user@]host[:port]`. */
  jump?: string;
}

/**
 * A ronde.yaml of SSH hosts and an environment whose HOME and XDG_DATA_HOME
 * are temp dirs: the user's real ~/.ssh, agent and store are never read.
 */
export class Fleet {
  readonly dir = tempDir('ronde-fleet-');
  readonly home = join(this.dir, 'home');
  readonly data = join(this.dir, 'data');
  readonly config = join(this.dir, 'ronde.yaml');

  constructor(
    readonly lab: LabSshd,
    hosts: readonly FleetHost[],
    extra = '',
  ) {
    mkdirSync(join(this.home, '.ssh'), { recursive: true });
    const lines = ['hosts:'];
    for (const h of hosts) {
      lines.push(
        `  - name: ${h.name}`,
        `    address: ${h.at.address}`,
        ...(h.tags ? [`    tags: [${h.tags.join(', ')}]`] : []),
        '    ssh:',
        `      port: ${h.at.port}`,
        `      user: ${lab.user}`,
        `      identity: ${lab.clientKey}`,
        `      known_hosts: ${h.knownHosts}`,
        '      agent: false',
        ...(h.jump ? [`      jump: ${h.jump}`] : []),
      );
    }
    writeFileSync(this.config, `${lines.join('\n')}\n${extra}`);
  }

  /** ronde's own known_hosts for this fleet (the state directory under XDG_DATA_HOME). */
  get stateKnownHosts(): string {
    return join(this.data, 'ronde', 'known_hosts');
  }

  sshConfig(text: string): void {
    writeFileSync(join(this.home, '.ssh', 'config'), text);
  }

  run(...args: string[]): CliRun {
    return ronde(['--config', this.config, ...args], { HOME: this.home, XDG_DATA_HOME: this.data });
  }

  /** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `input`: the interactive path. */
  runTty(input: string, ...args: string[]): CliRun {
    const cmd = [process.execPath, CLI, '--config', this.config, ...args].map(shQuote).join(' ');
    const r = spawnSync('script', ['-q', '-e', '-c', cmd, '/dev/null'], {
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: this.home, XDG_DATA_HOME: this.data, NO_COLOR: '1' },
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  json<T = HostsDoc>(...args: string[]): { code: number | null; doc: T; stderr: string } {
    const r = this.run(...args, '--json');
    try {
      return { code: r.code, doc: JSON.parse(r.stdout) as T, stderr: r.stderr };
    } catch {
      throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
    }
  }
}

export interface CheckDoc {
  status: string;
  exitCode: number;
  targets: {
    name: string;
    transport: string;
    status: string;
    results: { check: string; kind: string; status: string; summary: string; reasons: string[] }[];
  }[];
}

export interface HostsDoc {
  status: string;
  exitCode: number;
  hosts: {
    name: string;
    transport: string;
    tags: string[];
    login: string | null;
    jump: string[];
    warnings: string[];
    reachability: string;
    state: string;
    message?: string;
    fingerprint?: string;
  }[];
}
