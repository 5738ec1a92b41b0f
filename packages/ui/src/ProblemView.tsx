/** @jsxImportSource . */
import { useEffect, useRef, useState } from "react";
import {
  FluxAuthError,
  FluxModerationError,
  FluxRateLimitError,
  FluxSubmitUncertainError,
  FluxValidationError,
  type FluxError,
  type TaskRef,
} from "@flux-kit/core";
import type { GenerationView } from "./generationView";
import type { FirstLoadLabels, FluxLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";
import { failureMessage, retryAfterSeconds } from "./problemText";
import { useNow } from "./useNow";
import { Actions, RetryButton, Title, type HeadingLevel } from "./viewParts";

/** Props of `ProblemView`: the views of every status that is not a success. */
export interface ProblemViewProps {
  readonly generation: GenerationView;
  readonly labels: FirstLoadLabels;
  readonly headingLevel: HeadingLevel;
  /** Told what a failure's message says, for the viewer's live region (the words load with this chunk). */
  readonly onMessage?: ((message: string) => void) | undefined;
}

/** A view's props inside the chunk, with every label. */
type ViewProps = Omit<ProblemViewProps, "labels" | "onMessage"> & { readonly labels: FluxLabels };

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
function Uncertain({ generation, labels, headingLevel }: ViewProps) {
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

function Failed({ generation, labels, headingLevel }: ViewProps) {
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

function Moderated({ generation, labels, headingLevel }: ViewProps) {
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
export function ProblemView({ generation, labels: given, headingLevel, onMessage }: ProblemViewProps) {
  const labels = withLazyLabels(given);
  // the live region says the failure's message with its title, once (the wait as the error gave it: the visible
  // countdown is not re-announced every second)
  const { error } = generation;
  const message =
    generation.status === "failed" ? failureMessage(error, labels, retryAfterSeconds(error)) : "";
  const told = useRef(onMessage);
  useEffect(() => {
    told.current = onMessage;
  });
  useEffect(() => told.current?.(message), [message]);
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
