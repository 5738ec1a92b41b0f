/** @jsxImportSource . */
import { useState, type ReactNode } from "react";
import {
  FluxAuthError,
  FluxModerationError,
  FluxSubmitUncertainError,
  FluxRateLimitError,
  FluxValidationError,
  type FluxError,
  type TaskRef,
} from "@flux-kit/core";
import type { GenerationView } from "./generationView";
import type { FluxLabels } from "./labels";
import { useNow } from "./useNow";

/** The level of the viewer's headings, below the page's own. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** Props of `ProblemView`: the views of every status that is not a success. */
export interface ProblemViewProps {
  readonly generation: GenerationView;
  readonly labels: FluxLabels;
  readonly headingLevel: HeadingLevel;
}

/**
 * A view's heading at the viewer's level. It takes focus (`tabIndex={-1}`, marked `data-flux-focus`) when the
 * view replaces the one that had it, so focus never falls to the page.
 */
export function Title({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  const Heading = `h${level}` as const;
  return (
    <Heading className="flux-title" tabIndex={-1} data-flux-focus="">
      {children}
    </Heading>
  );
}

/**
 * The message for a failed generation, by error code: a signed-out user, a refused origin or model and a server
 * that is not set up each get their own; only BFL's own refusal (`"auth"`) is about the API key.
 */
export function failureMessage(error: FluxError | undefined, labels: FluxLabels, retryInS?: number): string {
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

/** A view's row of buttons. */
export function Actions({ children }: { children: ReactNode }) {
  return <div className="flux-result-actions">{children}</div>;
}

/** A button for one of the generation's actions; nothing when the generation does not offer it. */
export function RetryButton({
  onClick,
  label,
  disabled,
  variant = "primary",
}: {
  onClick?: (() => unknown) | undefined;
  label: string;
  disabled?: boolean;
  variant?: "primary" | "secondary";
}) {
  if (!onClick) return null;
  return (
    <button
      type="button"
      className="flux-button"
      data-variant={variant}
      disabled={disabled}
      onClick={() => void onClick()}
    >
      {label}
    </button>
  );
}

/**
 * The task an uncertain submit may have created, when its answer named one (a body that arrived but could not be
 * read, a 5xx that carried the task): enough to look it up instead of submitting again.
 */
export function uncertainTask(error: FluxError | undefined): TaskRef | undefined {
  if (!(error instanceof FluxSubmitUncertainError)) return undefined;
  const body = error.body as { id?: unknown; polling_url?: unknown } | null | undefined;
  if (typeof body?.id !== "string" || body.id === "") return undefined;
  return typeof body.polling_url === "string"
    ? { id: body.id, pollingUrl: body.polling_url }
    : { id: body.id };
}

/**
 * An uncertain submit: look the task up first when its id is known (the view then follows it), else say where
 * to check; generating again is offered last, as the action that may pay twice.
 */
function Uncertain({ generation, labels, headingLevel }: ProblemViewProps) {
  const task = uncertainTask(generation.error);
  const watch = generation.watch;
  return (
    <>
      <Title level={headingLevel}>{labels.failedTitle}</Title>
      <p>{labels.uncertainMessage}</p>
      {task && watch ? null : <p className="flux-field-hint">{labels.uncertainHowToCheck}</p>}
      <Actions>
        {task && watch ? <RetryButton onClick={() => watch(task)} label={labels.checkForTask} /> : null}
        <RetryButton onClick={generation.retry} label={labels.generateAnyway} variant="secondary" />
      </Actions>
    </>
  );
}

function Failed({ generation, labels, headingLevel }: ProblemViewProps) {
  const { error } = generation;
  const [since] = useState(() => Date.now());
  const retryAfterMs = error instanceof FluxRateLimitError ? error.retryAfterMs : undefined;
  const now = useNow(retryAfterMs !== undefined, 1000);
  const left =
    retryAfterMs === undefined ? undefined : Math.max(0, Math.ceil((since + retryAfterMs - now) / 1000));
  const fields = error instanceof FluxValidationError ? error.fieldErrors : [];
  // trying again cannot help until someone changes something (a sign-in, the key, the server's settings)
  const canRetry =
    !(error instanceof FluxAuthError) && error?.code !== "validation" && error?.code !== "misconfigured";
  return (
    <>
      <Title level={headingLevel}>{labels.failedTitle}</Title>
      <p>{failureMessage(error, labels, left)}</p>
      {fields.length > 0 ? (
        <ul className="flux-list">
          {fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              {f.path ? <code>{f.path}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {canRetry ? (
        <Actions>
          <RetryButton
            onClick={generation.retry}
            label={left ? `${labels.tryAgain} (${left} s)` : labels.tryAgain}
            disabled={left !== undefined && left > 0}
          />
        </Actions>
      ) : null}
    </>
  );
}

function Moderated({ generation, labels, headingLevel }: ProblemViewProps) {
  const error = generation.error;
  const moderation = error instanceof FluxModerationError ? error : undefined;
  return (
    <>
      <Title level={headingLevel}>{labels.moderatedTitle}</Title>
      <p>{moderation?.stage === "content" ? labels.moderatedContent : labels.moderatedRequest}</p>
      {moderation && moderation.reasons.length > 0 ? (
        <p>
          {labels.moderatedReasons}: {moderation.reasons.join(", ")}
        </p>
      ) : null}
      <p className="flux-field-hint">{labels.moderatedAdvice}</p>
      <Actions>
        {/* the same request again (a flagged output may pass with a new seed); or back to the form to change it */}
        <RetryButton onClick={generation.retry} label={labels.tryAgain} />
        <RetryButton onClick={generation.reset} label={labels.changePrompt} variant="secondary" />
      </Actions>
    </>
  );
}

/** Failed, moderated, cancelled, timed-out and expired views, each with what the user can do next. */
export function ProblemView({ generation, labels, headingLevel }: ProblemViewProps) {
  switch (generation.status) {
    case "failed":
      if (generation.error?.code === "submit_uncertain")
        return <Uncertain generation={generation} labels={labels} headingLevel={headingLevel} />;
      return (
        <Failed
          key={generation.error?.message}
          generation={generation}
          labels={labels}
          headingLevel={headingLevel}
        />
      );
    case "moderated":
      return <Moderated generation={generation} labels={labels} headingLevel={headingLevel} />;
    case "cancelled":
      return (
        <>
          <Title level={headingLevel}>{labels.cancelledTitle}</Title>
          <p>{labels.cancelledMessage}</p>
          <Actions>
            <RetryButton onClick={generation.resume} label={labels.keepWaiting} />
            <RetryButton onClick={generation.retry} label={labels.generateAgain} />
          </Actions>
        </>
      );
    case "timed-out":
      return (
        <>
          <Title level={headingLevel}>{labels.timedOutTitle}</Title>
          <p>{labels.timedOutMessage}</p>
          <Actions>
            <RetryButton onClick={generation.resume} label={labels.keepWaiting} />
            <RetryButton onClick={generation.retry} label={labels.generateAgain} />
          </Actions>
        </>
      );
    case "expired":
      return (
        <>
          <Title level={headingLevel}>{labels.expiredTitle}</Title>
          <p>{labels.expiredMessage}</p>
          <Actions>
            <RetryButton onClick={generation.retry} label={labels.generateAgain} />
          </Actions>
        </>
      );
    default:
      return null;
  }
}
