/**
 * A refusal the caller can act on: a missing dashboard, a lost edit race, a quota. Its message
 * is written for the person who made the call and reaches them; any other error stays generic.
 */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something a call named does not exist. */
export class NotFoundError extends HostError {
  override readonly name: string = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

/** "There is no dashboard 'x'.", the same words in every method that takes a dashboard id. */
export function noDashboard(dashboardId: string): NotFoundError {
  return new NotFoundError(`There is no dashboard '${dashboardId}'.`);
}
