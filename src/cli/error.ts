/**
 * @module cli/error
 * The one error type commands throw. `main` prints its message as one line and exits with its code.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
