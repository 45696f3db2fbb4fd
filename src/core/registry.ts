import type { AnyCheckKind } from './check.js';

/** Check kinds by id. The core knows none of them: `src/checks/index.ts` registers them all. */
export class Registry {
  readonly #kinds = new Map<string, AnyCheckKind>();

  register(kind: AnyCheckKind): this {
    if (!/^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/.test(kind.id)) throw new Error(`bad check kind id ${kind.id}`);
    if (this.#kinds.has(kind.id)) throw new Error(`check kind ${kind.id} registered twice`);
    this.#kinds.set(kind.id, kind);
    return this;
  }

  get(id: string): AnyCheckKind | undefined {
    return this.#kinds.get(id);
  }

  ids(): string[] {
    return [...this.#kinds.keys()].sort();
  }

  all(): AnyCheckKind[] {
    return this.ids().map((id) => this.#kinds.get(id)!);
  }
}
