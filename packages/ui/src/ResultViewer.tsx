/** @jsxImportSource . */
"use client";
import { forwardRef, useEffect, useRef, useState, type HTMLAttributes } from "react";
import { FluxModerationError, getModelInfo, isBflDelivery, isModelId, type FluxResult } from "@flux-kit/core";
import { imageRouteUrl, isImageRouteUrl } from "@flux-kit/core/internal";
import { cx } from "./cx";
import type { HistoryEntry } from "./HistoryList";
import type { FirstLoadViewerLabels, GenerationView, ViewerLabels } from "./generationView";
import { firstLoadLabels, stageTitle, type FirstLoadLabels, type FluxLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";
import { lazyPart } from "./lazyPart";
import { Actions, RetryButton, Title, type HeadingLevel } from "./viewParts";
import { useImageLoad, type ImageLoad, type ImageSource } from "./imageLoad";

/** The English defaults of the strings only the viewer shows (`ViewerLabels` beyond `FluxLabels`). */
const viewerLabels = {
  imageLoadingStatus: "Loading your image…",
  imageFailedTitle: "The image could not be loaded",
  imageFailedMessage: "The image was generated, but its link may have expired, or the server refused it.",
  reloadImage: "Load again",
  loadOtherCopy: "Load another copy",
} satisfies Omit<ViewerLabels, keyof FluxLabels>;

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
  /**
   * The level of the headings of the problem views (failed, moderated, stopped, timed out, expired, an image
   * that would not load), to fit the page's outline: one below the heading of the section the viewer is in.
   * @default 2
   * @example <section><h2>Result</h2><ResultViewer generation={generation} headingLevel={3} /></section>
   */
  readonly headingLevel?: HeadingLevel | undefined;
  /** Overrides for any shown text: `FluxLabels` and the viewer's own `ViewerLabels`. @default English */
  readonly labels?: Partial<ViewerLabels> | undefined;
  /** The images the full-screen view's arrow keys move through (e.g. your history). @default the shown one */
  readonly gallery?: readonly HistoryEntry[] | undefined;
  /** The image an edit started from: the finished image then offers a before/after slider. */
  readonly before?: string | undefined;
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
 * The views of failures, moderation, stops, time-outs and expiry: their own chunk, loaded when one is first shown
 * or (`preloadResultViews`) when a first generation starts, so it is there before anything can fail. Until it
 * is, and if it cannot load (offline), a plain view says what the live region says, with Try again.
 */
const Problems = /* @__PURE__ */ lazyPart(() => import("./ProblemView").then((m) => m.ProblemView));
/** The finished image's view (its actions, metadata, load errors): loaded as the failure views are. */
const Ready = /* @__PURE__ */ lazyPart(() => import("./ReadyView").then((m) => m.ReadyView));
/** Loads the views a generation ends in (ready, or a problem), e.g. as it starts. */
export const preloadResultViews = () => Promise.all([Problems.preload(), Ready.preload()]);

/**
 * When the shown image expires: the generation's own `expiresAt` when it has that field (`useFluxGeneration`'s is
 * `undefined` for a persisted copy), else the result's, unless a different (persisted) URL is shown.
 */
function expiryOf(g: GenerationView, result: FluxResult, imageUrl: string): Date | undefined {
  if ("expiresAt" in g) return g.expiresAt;
  return imageUrl === result.url ? result.expiresAt : undefined;
}

/**
 * What the live region says: the state, with what a sighted user reads in it that matters most (moderation's
 * reasons, a rate limit's wait, an image that would not load).
 */
function announcement(
  g: GenerationView,
  image: ImageLoad,
  labels: FirstLoadViewerLabels,
  problem: string,
): string {
  switch (g.status) {
    case "submitting":
      return g.waiting ? labels.waitingStatus : labels.submittingStatus;
    case "pending":
      // FLUX 3's stages are said as they change, and once, the run being slow
      return run(g, labels).slow ? `${run(g, labels).title} ${labels.slowRun}` : run(g, labels).title;
    case "ready":
      if (image.phase === "error") return `${labels.imageFailedTitle}. ${labels.imageFailedMessage}`;
      return image.phase === "loaded" ? labels.readyStatus : labels.imageLoadingStatus;
    case "failed":
      // the message comes from the failure views (their chunk holds the words), as soon as they show
      return problem ? `${labels.failedTitle}. ${problem}` : labels.failedTitle;
    case "moderated": {
      const reasons = g.error instanceof FluxModerationError ? g.error.reasons : [];
      return reasons.length > 0
        ? `${labels.moderatedTitle}. ${labels.moderatedReasons}: ${reasons.join(", ")}.`
        : labels.moderatedTitle;
    }
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

/**
 * Where the ready image can be loaded from, first the one to show: the shown URL, its download link (your
 * `downloadUrl`, or the proxy's image route for a BFL delivery URL), then the result's delivery URL and its
 * route, each once. Empty unless ready.
 */
function imageSources(
  g: GenerationView,
  imageUrl: string | undefined,
  imageRoute: string | false,
  downloadUrl: ((result: FluxResult) => string) | undefined,
): ImageSource[] {
  const sources: ImageSource[] = [];
  if (g.status !== "ready" || !g.result || !imageUrl) return sources;
  const add = (url: string, expiresAt: Date | undefined) => {
    if (!sources.some((s) => s.url === url)) sources.push({ url, expiresAt });
  };
  const expiresAt = expiryOf(g, g.result, imageUrl);
  add(imageUrl, expiresAt);
  if (downloadUrl) add(downloadUrl(g.result), undefined);
  add(downloadHref(imageUrl, imageRoute), expiresAt);
  add(g.result.url, g.result.expiresAt);
  add(downloadHref(g.result.url, imageRoute), g.result.expiresAt);
  return sources;
}

/**
 * Keeps focus in the viewer when a view replaces the one that had it ("Stop waiting", "Keep waiting", "Try
 * again", a result arriving under a focused button): the new view's `[data-flux-focus]` element (its heading, or
 * Download) takes it, rather than the page. A viewer that did not have focus never takes it.
 */
function useFocusKept(live: { readonly current: HTMLElement | null }, view: string) {
  const within = useRef(false);
  useEffect(() => {
    const root = live.current?.parentElement;
    if (!root) return;
    const onFocusIn = () => {
      within.current = true;
    };
    const onFocusOut = (event: FocusEvent) => {
      const to = event.relatedTarget;
      if (to instanceof Node && root.contains(to)) return;
      if (to) {
        within.current = false;
        return;
      }
      // to nowhere: a click on the page, the focused element removed (some browsers report that as a blur), or
      // the window losing focus (another window or frame took it: the element is still the document's focus, and
      // has it back when the window does)
      const from = event.target;
      queueMicrotask(() => {
        if (from instanceof Node && from.isConnected && root.ownerDocument.hasFocus()) within.current = false;
      });
    };
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("focusout", onFocusOut);
    // the focused element replaced without a new view: a part loaded on demand taking its fallback's place
    const replaced = new MutationObserver(() => keepFocus(root, within.current));
    replaced.observe(root, { childList: true, subtree: true });
    // focus that came in before these listeners did (a click while the page was busy mounting) counts too
    within.current ||= root.contains(root.ownerDocument.activeElement);
    return () => {
      root.removeEventListener("focusin", onFocusIn);
      root.removeEventListener("focusout", onFocusOut);
      replaced.disconnect();
    };
  }, [live]);
  useEffect(() => {
    const root = live.current?.parentElement;
    if (root) keepFocus(root, within.current);
  }, [live, view]);
}

/** Gives the view's `[data-flux-focus]` element the focus the viewer had (`within`), if it went nowhere. */
function keepFocus(root: HTMLElement, within: boolean) {
  if (!within) return;
  const active = root.ownerDocument.activeElement;
  if (active && active !== root.ownerDocument.body && active.isConnected) return;
  root.querySelector<HTMLElement>("[data-flux-focus]")?.focus();
}

/** A pending run's title (FLUX 3's stage), and its typical length and whether it is well past it (1.5 times). */
function run(g: GenerationView, labels: FirstLoadLabels) {
  const model = g.task?.model;
  const typical = model && isModelId(model) ? getModelInfo(model).typicalDurationMs / 1000 : undefined;
  const title = stageTitle(g.stage, labels);
  return { title, typical, slow: typical !== undefined && (g.elapsedMs ?? 0) / 1000 > typical * 1.5 };
}

/**
 * A pending run: BFL's progress when it reports one, else an indeterminate bar (never a bar guessed from the clock,
 * which would stall near its end); FLUX 3's stage, the elapsed time against the model's typical run, and a calm
 * word once the run is well past it.
 */
function Progress({ generation: g, labels }: { generation: GenerationView; labels: FirstLoadLabels }) {
  const pct = g.progress === undefined ? undefined : Math.round(Math.min(1, Math.max(0, g.progress)) * 100);
  const seconds = Math.floor((g.elapsedMs ?? 0) / 1000);
  const { title, typical, slow } = run(g, labels);
  return (
    <div className="flux-pending" data-stage={g.stage} data-slow={slow || undefined}>
      <div className="flux-spinner" aria-hidden="true" />
      <p className="flux-title" tabIndex={-1} data-flux-focus="">
        {g.status === "pending" ? title : g.waiting ? labels.waitingStatus : labels.submittingStatus}
      </p>
      {g.status === "submitting" && g.waiting ? (
        <>
          <p className="flux-field-hint">{labels.waitingMessage(g.running ?? 0, g.waiting.scope)}</p>
          {g.cancel ? (
            <button type="button" className="flux-button" data-variant="secondary" onClick={g.cancel}>
              {labels.cancelWaiting}
            </button>
          ) : null}
        </>
      ) : null}
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
            {typical !== undefined ? ` · ${labels.typicalRun(Math.round(typical))}` : ""}
          </p>
          {slow ? <p className="flux-field-hint flux-slow">{labels.slowRun}</p> : null}
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
export const ResultViewer = /* @__PURE__ */ forwardRef<HTMLDivElement, ResultViewerProps>(
  function ResultViewer(
    {
      generation: g,
      prompt,
      size,
      imageRoute = "/api/flux/v1/image",
      downloadUrl,
      headingLevel = 2,
      labels: labelsProp,
      gallery,
      before,
      className,
      ...rest
    },
    ref,
  ) {
    const labels: FirstLoadViewerLabels = { ...viewerLabels, ...firstLoadLabels(labelsProp) };
    const imageUrl = g.imageUrl ?? g.result?.url;
    const busy = g.status === "submitting" || g.status === "pending";
    const sources = imageSources(g, imageUrl, imageRoute, downloadUrl);
    const image = useImageLoad(sources.length > 0 ? `${g.result?.id}\n${imageUrl}` : "", sources);
    const imagePhase = g.status === "ready" && sources.length > 0 ? image.phase : undefined;
    // a failure's message, as the failure views (loaded on demand) say it
    const [problem, setProblem] = useState<{ error: unknown; text: string }>();
    const live = useRef<HTMLDivElement>(null);
    // a generation under way: the views it can end in load now, before it ends (a dropped network included)
    useEffect(() => {
      if (busy) void preloadResultViews();
    }, [busy]);
    useFocusKept(live, `${g.status}:${imagePhase}:${g.error?.message}`);
    return (
      <div
        {...rest}
        ref={ref}
        className={cx("flux-viewer", className)}
        data-state={g.status}
        data-error={g.status === "failed" ? g.error?.code : undefined}
        data-image={imagePhase}
        aria-busy={busy || undefined}
      >
        <div ref={live} style={visuallyHidden} role="status" aria-live="polite" aria-atomic="true">
          {announcement(g, image, labels, problem && problem.error === g.error ? problem.text : "")}
        </div>
        {g.status === "idle" ? (
          <p className="flux-placeholder" tabIndex={-1} data-flux-focus="">
            {labels.idle}
          </p>
        ) : null}
        {busy ? <Progress generation={g} labels={labels} /> : null}
        {g.status === "ready" && g.result && imageUrl ? (
          <Ready.Part
            fallback={<p className="flux-placeholder">{labels.imageLoadingStatus}</p>}
            result={g.result}
            image={image}
            downloadHref={(src) =>
              // your own link for the image you named; the one that loaded instead goes the default way
              downloadUrl && g.result && src === imageUrl
                ? downloadUrl(g.result)
                : downloadHref(src, imageRoute)
            }
            expiresAt={expiryOf(g, g.result, imageUrl)}
            prompt={prompt}
            size={size}
            cost={g.task?.cost}
            retry={g.retry}
            vary={g.vary}
            edit={g.edit}
            adoptPrompt={g.adoptPrompt}
            headingLevel={headingLevel}
            labels={labels}
            gallery={gallery}
            before={before}
          />
        ) : null}
        {!busy && g.status !== "idle" && g.status !== "ready" ? (
          <div className="flux-problem">
            <Problems.Part
              generation={g}
              // said for this error only: a later failure never starts with an earlier one's words
              onMessage={(text) => setProblem({ error: g.error, text })}
              labels={labels}
              headingLevel={headingLevel}
              fallback={
                <>
                  <Title level={headingLevel}>{announcement(g, image, labels, "")}</Title>
                  <Actions>
                    <RetryButton onClick={g.retry} label={labels.tryAgain} />
                  </Actions>
                </>
              }
            />
          </div>
        ) : null}
      </div>
    );
  },
);
