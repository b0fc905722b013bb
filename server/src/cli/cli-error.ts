/** A failure the CLI reports as one line on stderr, with its exit code (PRODUCT.md 4.1). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
