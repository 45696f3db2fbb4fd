import { effectiveChecks, effectiveHosts } from '../config/load.js';
import { checkProblem, hostSelectorProblem, type NameBook } from '../config/names.js';
import type { Config } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang } from './lang.js';

/** The hosts and checks a command may be given, from the loaded configuration. */
export function nameBook(config: Config, registry: Registry): NameBook {
  return {
    hosts: effectiveHosts(config).map((h) => ({ name: h.name, tags: h.tags })),
    checks: effectiveChecks(config, registry).map((c) => ({ name: c.name, kind: c.kind, on: c.on })),
  };
}

/** A name the configuration does not know is a usage error (exit 64), with its hint. */
export function refuse(problem: string | undefined): void {
  if (problem !== undefined) throw new CliError(problem, EX_USAGE);
}

/** Every host selector (`web1`, `tag:web`, `!db1`, `all`) names something in the inventory. */
export function assertHostSelectors(book: NameBook, selectors: readonly string[]): void {
  for (const s of selectors) refuse(hostSelectorProblem(book, s, cliLang()));
}

/** Every check name or kind is configured. */
export function assertChecks(book: NameBook, registry: Registry, names: readonly string[]): void {
  for (const n of names) refuse(checkProblem(book, n, registry.ids(), cliLang()));
}
