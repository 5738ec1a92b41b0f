import { signWebhook, type WebhookScheme } from "@flux-kit/core";
import type { Clock, TimerId } from "./clock";

/** What a finished task reports to its webhook. */
export interface WebhookOutcomeData {
  readonly taskId: string;
  readonly status: "Ready" | "Error" | "Request Moderated" | "Content Moderated";
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly details: unknown;
  readonly url: string;
  readonly secret: string | null;
}

/** One delivery attempt, recorded in `mock.webhooks`. */
export interface WebhookAttempt {
  readonly taskId: string;
  readonly url: string;
  /** 1 for the first try, 2–4 for the retries. */
  readonly attempt: number;
  /** Clock time of the attempt (ms since the epoch). */
  readonly at: number;
  /** HTTP status received, or `undefined` when the request failed. */
  readonly status: number | undefined;
  readonly error?: string;
  readonly delivered: boolean;
  /** The exact body sent. */
  readonly body: string;
  /** Headers sent, including the signature. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface WebhookSettings {
  readonly payload: "field" | "skill";
  readonly signature: WebhookScheme;
  readonly retryDelaysMs: readonly number[];
  readonly fetch: ((input: Request) => Promise<Response>) | undefined;
}

const MAX_ATTEMPT_LOG = 500;

/** Builds the payload in the chosen shape (reference §7: both are unverified). */
export function webhookPayload(shape: "field" | "skill", data: WebhookOutcomeData, now: number): object {
  const moderated = data.status === "Request Moderated" || data.status === "Content Moderated";
  if (shape === "skill") {
    const base = { id: data.taskId, status: data.status, timestamp: new Date(now).toISOString() };
    if (data.status === "Ready") return { ...base, result: data.result };
    return { ...base, error: data.status, message: describe(data), details: data.details };
  }
  if (data.status === "Ready")
    return { task_id: data.taskId, status: "SUCCESS", result: data.result, progress: 1 };
  // Moderation keeps BFL's status name so receivers can tell it from a failure.
  return {
    task_id: data.taskId,
    status: moderated ? data.status : "FAILED",
    result: null,
    error: describe(data),
    details: data.details,
  };
}

function describe(data: WebhookOutcomeData): string {
  if (data.status === "Error") {
    const d = data.details as { error?: unknown } | null;
    return typeof d?.error === "string" ? d.error : "Generation failed";
  }
  return data.status;
}

/** Sends webhooks with retries on the mock's clock; every timer is cleared by `cancelAll()`. */
export class WebhookDispatcher {
  readonly attempts: WebhookAttempt[] = [];
  private readonly timers = new Set<TimerId>();
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
  ) {}

  send(data: WebhookOutcomeData): void {
    void this.attempt(data, 1, this.generation);
  }

  cancelAll(): void {
    for (const id of this.timers) this.clock.clearTimeout(id);
    this.timers.clear();
    this.attempts.length = 0;
    this.generation += 1;
  }

  private async attempt(data: WebhookOutcomeData, attempt: number, generation: number): Promise<void> {
    const body = JSON.stringify(webhookPayload(this.settings.payload, data, this.clock.now()));
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "flux-kit-mock",
    };
    if (data.secret)
      Object.assign(
        headers,
        await signWebhook({ body, secret: data.secret, scheme: this.settings.signature }),
      );
    const at = this.clock.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const doFetch = this.settings.fetch ?? ((req: Request) => fetch(req));
      const response = await doFetch(new Request(data.url, { method: "POST", headers, body }));
      status = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (generation !== this.generation) return;
    const delivered = status !== undefined && status >= 200 && status < 300;
    this.attempts.push({
      taskId: data.taskId,
      url: data.url,
      attempt,
      at,
      status,
      delivered,
      body,
      headers,
      ...(error !== undefined && { error }),
    });
    if (this.attempts.length > MAX_ATTEMPT_LOG)
      this.attempts.splice(0, this.attempts.length - MAX_ATTEMPT_LOG);
    const delay = this.settings.retryDelaysMs[attempt - 1];
    if (delivered || delay === undefined) return;
    const id = this.clock.setTimeout(() => {
      this.timers.delete(id);
      void this.attempt(data, attempt + 1, generation);
    }, delay);
    this.timers.add(id);
  }
}
