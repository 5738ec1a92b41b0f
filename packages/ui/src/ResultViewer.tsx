/** @jsxImportSource . */
"use client";
import { forwardRef, type HTMLAttributes } from "react";
import { isBflDelivery, type FluxResult } from "@flux-kit/core";
import { imageRouteUrl, isImageRouteUrl } from "@flux-kit/core/internal";
import { cx } from "./cx";
import type { GenerationView } from "./generationView";
import { resolveLabels, type FluxLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";
import { failureMessage, ProblemView } from "./ProblemView";
import { ReadyView } from "./ReadyView";

/** Props of {@link ResultViewer}. Every other `<div>` prop (`className`, `style`, `ref`, `aria-*`) passes through. */
export interface ResultViewerProps extends HTMLAttributes<HTMLDivElement> {
  /**
   * The generation to show: the object `useFluxGeneration()` returns, or any object of that shape.
   * @example <ResultViewer generation={useFluxGeneration({ model: "flux-2-pro" })} />
   */
  readonly generation: GenerationView;
  /** The prompt, for the image's alt text. @default the result's prompt */
  readonly prompt?: string | undefined;
  /** Requested width and height, to reserve the image's box before it loads. @default none */
  readonly size?: { readonly width: number; readonly height: number } | undefined;
  /**
   * The proxy's image route, which downloads go through (BFL's delivery host sends no CORS headers and a
   * cross-origin `download` link would navigate instead). `false` links the delivery URL directly.
   * @default "/api/flux/v1/image"
   */
  readonly imageRoute?: string | false | undefined;
  /** Builds the download link yourself (e.g. to your persisted copy). Wins over `imageRoute`. */
  readonly downloadUrl?: ((result: FluxResult) => string) | undefined;
  /** Overrides for any shown text. @default English */
  readonly labels?: Partial<FluxLabels> | undefined;
}

/**
 * The download link for an image: a URL on a BFL delivery host (core's `isBflDelivery`, the rule the proxy's
 * image route applies) goes through that route, since BFL's host sends no CORS headers and a cross-origin
 * `download` link would navigate instead. A URL already on the route, a `data:`/`blob:` URL and anything else
 * (a persisted copy on your own store, even a signed one, which the route would refuse) are linked as they are.
 * @example downloadHref("https://delivery…/sample.jpeg?se=…", "/api/flux/v1/image") // "/api/flux/v1/image?u=https%3A…"
 */
export function downloadHref(url: string, imageRoute: string | false): string {
  if (
    imageRoute === false ||
    isImageRouteUrl(url) ||
    url.startsWith("data:") ||
    url.startsWith("blob:") ||
    !isBflDelivery(url)
  )
    return url;
  return imageRouteUrl(imageRoute, url);
}

/**
 * When the shown image expires: the generation's own `expiresAt` when it has that field (`useFluxGeneration`'s is
 * `undefined` for a persisted copy), else the result's, unless a different (persisted) URL is shown.
 */
function expiryOf(g: GenerationView, result: FluxResult, imageUrl: string): Date | undefined {
  if ("expiresAt" in g) return g.expiresAt;
  return imageUrl === result.url ? result.expiresAt : undefined;
}

function announcement(g: GenerationView, labels: FluxLabels): string {
  switch (g.status) {
    case "submitting":
      return labels.submittingStatus;
    case "pending":
      return labels.pendingStatus;
    case "ready":
      return labels.readyStatus;
    case "failed":
      return `${labels.failedTitle}. ${failureMessage(g.error, labels)}`;
    case "moderated":
      return labels.moderatedTitle;
    case "cancelled":
      return labels.cancelledTitle;
    case "timed-out":
      return labels.timedOutTitle;
    case "expired":
      return labels.expiredTitle;
    default:
      return "";
  }
}

function Progress({ generation: g, labels }: { generation: GenerationView; labels: FluxLabels }) {
  const pct = g.progress === undefined ? undefined : Math.round(Math.min(1, Math.max(0, g.progress)) * 100);
  const seconds = Math.floor((g.elapsedMs ?? 0) / 1000);
  return (
    <div className="flux-pending">
      <div className="flux-spinner" aria-hidden="true" />
      <p className="flux-title">
        {g.status === "submitting" ? labels.submittingStatus : labels.pendingStatus}
      </p>
      {g.status === "pending" ? (
        <>
          <div
            className="flux-progress"
            role="progressbar"
            aria-label={labels.progress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            data-state={pct === undefined ? "indeterminate" : "determinate"}
          >
            <div className="flux-progress-bar" style={pct === undefined ? undefined : { width: `${pct}%` }} />
          </div>
          <p className="flux-field-hint">
            {pct !== undefined ? `${pct}% · ` : ""}
            <span className="flux-elapsed">{labels.elapsed(seconds)}</span>
          </p>
          {g.cancel ? (
            <button type="button" className="flux-button" data-variant="secondary" onClick={g.cancel}>
              {labels.cancel}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * Shows a generation in every state: submitting, pending (progress, elapsed time, cancel), ready (image,
 * download, copy seed, metadata), moderated, failed (a message per error class), cancelled, timed out and
 * expired. Changes are announced through a polite live region; `data-state` mirrors the status.
 * @example <ResultViewer generation={generation} prompt={prompt} />
 */
export const ResultViewer = forwardRef<HTMLDivElement, ResultViewerProps>(function ResultViewer(
  {
    generation: g,
    prompt,
    size,
    imageRoute = "/api/flux/v1/image",
    downloadUrl,
    labels: labelsProp,
    className,
    ...rest
  },
  ref,
) {
  const labels = resolveLabels(labelsProp);
  const imageUrl = g.imageUrl ?? g.result?.url;
  const busy = g.status === "submitting" || g.status === "pending";
  return (
    <div
      {...rest}
      ref={ref}
      className={cx("flux-viewer", className)}
      data-state={g.status}
      data-error={g.status === "failed" ? g.error?.code : undefined}
      aria-busy={busy || undefined}
    >
      <div style={visuallyHidden} role="status" aria-live="polite" aria-atomic="true">
        {announcement(g, labels)}
      </div>
      {g.status === "idle" ? <p className="flux-placeholder">{labels.idle}</p> : null}
      {busy ? <Progress generation={g} labels={labels} /> : null}
      {g.status === "ready" && g.result && imageUrl ? (
        <ReadyView
          result={g.result}
          imageUrl={imageUrl}
          downloadHref={downloadUrl ? downloadUrl(g.result) : downloadHref(imageUrl, imageRoute)}
          expiresAt={expiryOf(g, g.result, imageUrl)}
          prompt={prompt}
          size={size}
          cost={g.task?.cost}
          labels={labels}
        />
      ) : null}
      {!busy && g.status !== "idle" && g.status !== "ready" ? (
        <div className="flux-problem">
          <ProblemView generation={g} labels={labels} />
        </div>
      ) : null}
    </div>
  );
});
