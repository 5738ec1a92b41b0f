import { FluxError, type FluxErrorOptions } from "../errors/FluxError";

/**
 * A webhook body is not JSON, or matches neither documented payload shape. Code `"bad_response"`;
 * `issues` lists what was wrong, for logs.
 *
 * @example
 * try { parseWebhookEvent(body) }
 * catch (e) { if (e instanceof WebhookPayloadError) console.warn(e.issues) }
 */
export class WebhookPayloadError extends FluxError {
  override readonly name: string = "WebhookPayloadError";
  /** One line per problem found, e.g. `"status: expected a string"`. */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[], options: FluxErrorOptions = {}) {
    super("bad_response", message, options);
    this.issues = issues;
  }
}
