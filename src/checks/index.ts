import { Registry } from '../core/registry.js';

/** The one place every check kind is registered. A test compares it with src/checks/<domain>/<kind>.ts. */
export const registry = new Registry();
