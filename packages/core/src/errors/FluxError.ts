/**
 * What went wrong, as a literal a caller can `switch` on. `unauthenticated`, `forbidden`, `model_not_enabled` and
 * `origin_not_allowed` are a proxy's refusals (a `FluxAuthError`, as is BFL's own `auth`); `misconfigured` means
 * the proxy is not set up.
 */
export type FluxErrorCode =
  | "validation"
  | "auth"
  | "unauthenticated"
  | "forbidden"
  | "model_not_enabled"
  | "origin_not_allowed"
  | "misconfigured"
  | "credits"
  | "rate_limited"
  | "moderated"
  | "task_not_found"
  | "generation_failed"
  | "timeout"
  | "aborted"
  | "network"
  | "server"
  | "submit_uncertain"
  | "expired"
  | "bad_response"
  | "http";

export interface FluxErrorOptions {
  readonly status?: number | undefined;
  readonly body?: unknown;
  readonly requestId?: string | undefined;
  readonly taskId?: string | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

const RETRYABLE_CODES: ReadonlySet<FluxErrorCode> = new Set<FluxErrorCode>([
  "rate_limited",
  "network",
  "server",
  "timeout",
  "bad_response",
]);

/**
 * Base class of every error flux-kit throws. Branch on `code` (or `instanceof` a subclass); `isRetryable` says
 * whether repeating the same *read* may succeed. Submits are never retried blindly: see `FluxSubmitUncertainError`.
 *
 * @example
 * try { await client.generate("flux-2-pro", { prompt }) }
 * catch (e) { const err = FluxError.from(e); if (err.code === "credits") showTopUp() }
 */
export class FluxError extends Error {
  override readonly name: string = "FluxError";
  // `declare`d fields are set by the constructor alone (no class-field definitions in the bundle)
  declare readonly code: FluxErrorCode;
  /** HTTP status of the response that caused it, if any. */
  declare readonly status: number | undefined;
  /** Parsed response body (BFL's `{ detail }`), if any. */
  declare readonly body: unknown;
  /** `x-request-id` (or similar) of the failing response, for support tickets. */
  declare readonly requestId: string | undefined;
  /** The BFL task this error is about, if one exists. */
  declare readonly taskId: string | undefined;
  /**
   * How long the server asked to wait before trying again, from `Retry-After` (on a 429, and on a 503 or any other
   * answer that sends it) or the body; `undefined` if it did not say.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(code: FluxErrorCode, message: string, options: FluxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.body = options.body;
    this.requestId = options.requestId;
    this.taskId = options.taskId;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same read (a poll, a download) may succeed if repeated later. */
  get isRetryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }

  /** Normalises anything thrown into a `FluxError` (aborts become `FluxAbortError`). */
  static from(error: unknown): FluxError {
    if (error instanceof FluxError) return error;
    const name = (error as { name?: unknown } | null)?.name;
    if (name === "AbortError") return new FluxAbortError(undefined, { cause: error });
    if (name === "TimeoutError") return new FluxTimeoutError("request", undefined, { cause: error });
    if (error instanceof TypeError) {
      return new FluxError(
        "network",
        `Network error: ${error.message}. Check the connection and the base URL.`,
        {
          cause: error,
        },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new FluxError("http", message || "Unknown error", { cause: error });
  }

  /**
   * A plain, serialisable form (for logs and `postMessage`): the name, the message and every field, a subclass's
   * own included (a validation error's `fieldErrors`, a moderation's `stage` and `reasons`). Never the `cause`,
   * nor request headers.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** One field problem, from the local schema check or from BFL's 422 `detail` array. */
export interface FluxFieldError {
  /** Dotted path, e.g. `"width"` or `"input_image_2"`. Empty for the body as a whole. */
  readonly path: string;
  readonly message: string;
  /** pydantic/zod issue type, e.g. `"too_big"`, `"less_than_equal"`. */
  readonly type: string;
}

/** The request was rejected for its content: locally before sending (`source: "local"`) or by BFL's 422. */
export class FluxValidationError extends FluxError {
  override readonly name: string = "FluxValidationError";
  declare readonly fieldErrors: readonly FluxFieldError[];
  declare readonly source: "local" | "server";

  constructor(
    fieldErrors: readonly FluxFieldError[],
    source: "local" | "server",
    options: FluxErrorOptions = {},
  ) {
    const first = fieldErrors[0];
    const summary = first ? `${first.path || "body"}: ${first.message}` : "the request body is invalid";
    const more = fieldErrors.length > 1 ? ` (and ${fieldErrors.length - 1} more)` : "";
    super("validation", `Invalid request: ${summary}${more}. Fix the input and submit again.`, options);
    this.fieldErrors = fieldErrors;
    this.source = source;
  }

  /** Messages per field path, for showing beside form fields. */
  get fields(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.fieldErrors) (out[e.path] ??= []).push(e.message);
    return out;
  }
}

/** The codes a `FluxAuthError` carries: who refused the caller, and why. */
export type FluxAuthErrorCode =
  "auth" | "unauthenticated" | "forbidden" | "model_not_enabled" | "origin_not_allowed";

export interface FluxAuthErrorOptions extends FluxErrorOptions {
  /** Why the caller was refused. @default "auth" (BFL's own 401/403: the API key) */
  readonly code?: FluxAuthErrorCode | undefined;
}

// Worded as @flux-kit/ui's labels are, so an app bundle holds each sentence once.
const AUTH_MESSAGES: Record<FluxAuthErrorCode, string> = {
  auth: "Not authenticated: the API key is missing or invalid. Check BFL_API_KEY on the server.",
  unauthenticated: "Sign in to generate images.",
  forbidden: "Your account is not allowed to generate images here.",
  model_not_enabled: "This model is not enabled on this server. Choose another model.",
  origin_not_allowed:
    "This site is not allowed to use the image service. The site's owner must add its origin to allowedOrigins.",
};

/**
 * 401/403: the caller was refused. Branch on `code`:
 * - `"auth"`: BFL itself refused (a 401/403 without a proxy `code`): the API key is missing, wrong or lacks
 *   permission. Only the site's owner can fix it.
 * - `"unauthenticated"`: the proxy's `authorize` hook says the user is not signed in. Ask them to sign in.
 * - `"forbidden"`: `authorize` refused a signed-in user.
 * - `"model_not_enabled"`: the model is not in the proxy's `allowedModels`. Pick another model.
 * - `"origin_not_allowed"`: the page's origin is not in the proxy's `allowedOrigins`.
 *
 * @example
 * if (error instanceof FluxAuthError && error.code === "unauthenticated") redirectToSignIn();
 */
export class FluxAuthError extends FluxError {
  override readonly name: string = "FluxAuthError";
  declare readonly code: FluxAuthErrorCode;
  /** `message` defaults to a sentence for `options.code` that says what to do. */
  constructor(message?: string, options: FluxAuthErrorOptions = {}) {
    const code = options.code ?? "auth";
    super(code, message ?? AUTH_MESSAGES[code], options);
  }
}

/** 402: the account has too few credits for this request. */
export class FluxCreditsError extends FluxError {
  override readonly name: string = "FluxCreditsError";
  constructor(message?: string, options: FluxErrorOptions = {}) {
    super("credits", message ?? "Insufficient credits: top up the BFL account, then try again.", options);
  }
}

export interface FluxRateLimitErrorOptions extends FluxErrorOptions {
  /** Whose limit was hit. @default "account" */
  readonly scope?: "account" | "client" | undefined;
}

/**
 * 429: too many active tasks. `scope: "account"` is BFL's own limit for the API key (24 active tasks, or 6 for
 * `flux-kontext-max`); `scope: "client"` is the proxy's per-client limit (its `client_limit` refusal). Wait
 * `retryAfterMs`, then try again.
 */
export class FluxRateLimitError extends FluxError {
  override readonly name: string = "FluxRateLimitError";
  /** Whose limit was hit: BFL's for the whole account, or the proxy's for this client. */
  declare readonly scope: "account" | "client";
  constructor(retryAfterMs: number | undefined, message?: string, options: FluxRateLimitErrorOptions = {}) {
    const wait = retryAfterMs === undefined ? "a moment" : `${Math.ceil(retryAfterMs / 1000)} s`;
    const scope = options.scope ?? "account";
    super(
      "rate_limited",
      message ??
        `Rate limited: too many active tasks${scope === "client" ? " for this client on the server" : ""}. ` +
          `Wait ${wait} for running tasks to finish, then try again.`,
      { ...options, retryAfterMs },
    );
    this.scope = scope;
  }
}

/** The task was moderated: its input before processing (`"request"`) or its output after (`"content"`). */
export class FluxModerationError extends FluxError {
  override readonly name: string = "FluxModerationError";
  declare readonly stage: "request" | "content";
  /** Reasons BFL gave in `details` (e.g. `"Sexual Content"`), possibly empty. */
  declare readonly reasons: readonly string[];
  constructor(stage: "request" | "content", reasons: readonly string[], options: FluxErrorOptions = {}) {
    const why = reasons.length ? ` (${reasons.join(", ")})` : "";
    const what =
      stage === "request"
        ? "The prompt or input image was flagged before generation"
        : "The generated image was flagged and cannot be delivered";
    super("moderated", `${what}${why}. Rephrase the prompt or change the input image.`, options);
    this.stage = stage;
    this.reasons = reasons;
  }
}

/** BFL does not know the task: a wrong id, or the result expired from its store. */
export class FluxTaskNotFoundError extends FluxError {
  override readonly name: string = "FluxTaskNotFoundError";
  constructor(taskId: string | undefined, options: FluxErrorOptions = {}) {
    super(
      "task_not_found",
      "Task not found: the id is wrong or the task has expired at BFL. Submit a new generation.",
      { ...options, taskId },
    );
  }
}

/** The task ended with status `Error` (or `Failed`). `details` holds what BFL said. */
export class FluxGenerationError extends FluxError {
  override readonly name: string = "FluxGenerationError";
  declare readonly details: unknown;
  constructor(details: unknown, options: FluxErrorOptions = {}) {
    const said = typeof details === "string" && details ? `: ${details}` : "";
    super(
      "generation_failed",
      `Generation failed at BFL${said}. Try again; if it keeps failing, change the input.`,
      options,
    );
    this.details = details;
  }
}

/** A request (`"request"`) or a whole wait for a result (`"wait"`) took longer than allowed. */
export class FluxTimeoutError extends FluxError {
  override readonly name: string = "FluxTimeoutError";
  declare readonly phase: "request" | "wait";
  constructor(phase: "request" | "wait", message?: string, options: FluxErrorOptions = {}) {
    super(
      "timeout",
      message ??
        (phase === "wait"
          ? "Timed out waiting for the result. The task may still finish at BFL: wait for it again with its id."
          : "The request timed out. Check the connection and try again."),
      options,
    );
    this.phase = phase;
  }
}

/** The caller aborted (an `AbortSignal` fired, `cancel()` was called, or the component unmounted). */
export class FluxAbortError extends FluxError {
  override readonly name: string = "FluxAbortError";
  constructor(message?: string, options: FluxErrorOptions = {}) {
    super("aborted", message ?? "Aborted by the caller.", options);
  }
}

/**
 * A submit failed in a way that leaves it unknown whether BFL created (and will bill) the task: a timeout,
 * a connection reset after sending, a 5xx. It is never retried automatically. Check your BFL dashboard or
 * webhook before submitting again.
 */
export class FluxSubmitUncertainError extends FluxError {
  override readonly name: string = "FluxSubmitUncertainError";
  constructor(options: FluxErrorOptions = {}) {
    super(
      "submit_uncertain",
      "The submit failed after it may have reached BFL, so the task may exist and be billed. It was not retried " +
        "to avoid paying twice; check for the task (webhook or dashboard) before submitting again.",
      options,
    );
  }
}

/** The delivery URL's signed lifetime (10 minutes at BFL) has passed; the image can no longer be downloaded. */
export class FluxExpiredError extends FluxError {
  override readonly name: string = "FluxExpiredError";
  declare readonly expiredAt: Date | undefined;
  constructor(expiredAt: Date | undefined, options: FluxErrorOptions = {}) {
    super(
      "expired",
      "The image URL has expired (BFL keeps results for 10 minutes). Persist images when they are ready, or generate again.",
      options,
    );
    this.expiredAt = expiredAt;
  }
}
