/** Why a webhook was rejected. */
export type WebhookFailureReason =
  /** No usable secret was configured, or one in the list is blank (a server bug: answer 500, not 401). */
  | "missing_secret"
  /** No header of an accepted scheme was sent. */
  | "missing_signature"
  /** A signature that is not `sha256=<64 hex digits>`, or a timestamp header that is not a time. */
  | "malformed"
  /** The signature or shared secret does not match. */
  | "bad_signature"
  /** `requireTimestamp` is on and the delivery carries no timestamp. */
  | "missing_timestamp"
  /** The timestamp lies outside `toleranceMs` of now (a replay, or a badly wrong clock). */
  | "expired";

/** A webhook that failed verification. `message` is safe to log: it holds no secret and no signature. */
export interface WebhookFailure {
  readonly ok: false;
  readonly reason: WebhookFailureReason;
  readonly message: string;
}
