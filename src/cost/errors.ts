/** Typed errors of the cost model; the CLI maps them to exit code 2 (invalid usage). */

export class UnknownServiceError extends Error {
  override readonly name = 'UnknownServiceError';
  constructor(
    readonly serviceId: string,
    readonly knownIds: readonly string[],
  ) {
    super(`unknown service '${serviceId}'; known services: ${knownIds.join(', ')}`);
  }
}

export class InvalidOverrideError extends Error {
  override readonly name = 'InvalidOverrideError';
  constructor(
    readonly serviceId: string,
    readonly key: string,
    reason: string,
  ) {
    super(`prices.${serviceId}.${key}: ${reason}`);
  }
}
