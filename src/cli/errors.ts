/** Exit codes of sysexits(3) that ronde uses beside the Nagios 0-3. */
export const EX_USAGE = 64;
export const EX_CONFIG = 78;
export const EX_SOFTWARE = 70;
/** Try again later: e.g. another `ronde serve` holds the store. */
export const EX_TEMPFAIL = 75;
export const EX_INTERRUPTED = 130;

/** An error meant for the user: printed as is, no stack trace, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
