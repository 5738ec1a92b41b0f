import { FluxRateLimitError, type FluxError } from "@flux-kit/core";
import type { FailureLabel, FluxLabels } from "./labels";

/**
 * The message for a failed generation, by error code: a signed-out user, a refused origin or model and a server
 * that is not set up each get their own; only BFL's own refusal (`"auth"`) is about the API key.
 * @param labels every label (`resolveLabels(overrides)`), or at least the messages
 * @example failureMessage(gen.error, resolveLabels()) // "The account is out of credits. Top up the BFL account, then try again."
 */
export function failureMessage(
  error: FluxError | undefined,
  labels: Pick<FluxLabels, FailureLabel>,
  retryInS?: number,
): string {
  switch (error?.code) {
    case "credits":
      return labels.creditsMessage;
    case "auth":
      return labels.authMessage;
    case "unauthenticated":
      return labels.unauthenticatedMessage;
    case "forbidden":
      return labels.forbiddenMessage;
    case "model_not_enabled":
      return labels.modelNotEnabledMessage;
    case "origin_not_allowed":
      return labels.originNotAllowedMessage;
    case "misconfigured":
      return labels.misconfiguredMessage;
    case "rate_limited":
      return (error as FluxRateLimitError).scope === "client"
        ? labels.clientLimitMessage(retryInS)
        : labels.rateLimitMessage(retryInS);
    case "validation":
      return labels.validationMessage;
    case "network":
    case "timeout":
      return labels.networkMessage;
    case "submit_uncertain":
      return labels.uncertainMessage;
    case "generation_failed":
    case "task_not_found":
      return labels.generationFailedMessage;
    default:
      return labels.serverMessage;
  }
}

/** Whole seconds until a rate-limited request may be retried, as the error said when it came. */
export function retryAfterSeconds(error: FluxError | undefined): number | undefined {
  return error instanceof FluxRateLimitError && error.retryAfterMs !== undefined
    ? Math.ceil(error.retryAfterMs / 1000)
    : undefined;
}
