/** @jsxImportSource . */
import { useEffect, useRef, useState } from "react";
import { getModelInfo, type FluxResult } from "@flux-kit/core";
import { parseBoxPrompt, type BoxRow } from "@flux-kit/core/boxes";
import type { FirstLoadViewerLabels } from "./generationView";
import type { HistoryEntry } from "./HistoryList";
import { lazyPart } from "./lazyPart";
import { withLazyLabels } from "./lazyLabels";
import type { LightboxItem } from "./Lightbox";
import type { ImageLoad } from "./imageLoad";
import { Actions, RetryButton, Title, type HeadingLevel } from "./viewParts";
import { useNow } from "./useNow";
import { visuallyHidden } from "./visuallyHidden";

/** Props of `ReadyView`. */
export interface ReadyViewProps {
  readonly result: FluxResult;
  readonly image: ImageLoad;
  /** The download link for the image as loaded from `src`. */
  readonly downloadHref: (src: string) => string;
  readonly expiresAt: Date | undefined;
  readonly prompt: string | undefined;
  /** Requested size, for the box's aspect ratio before the image loads. */
  readonly size: { readonly width: number; readonly height: number } | undefined;
  /** Credits charged, from the submit (BFL reports it there, not in the result). */
  readonly cost?: number | null | undefined;
  /** Generates the image again, offered when it cannot be loaded. */
  readonly retry?: (() => unknown) | undefined;
  /** Generates a variation: the same request with a new seed. */
  readonly vary?: (() => unknown) | undefined;
  /** Feeds this image back into the form as the reference of an edit. */
  readonly edit?: (() => unknown) | undefined;
  readonly headingLevel: HeadingLevel;
  readonly labels: FirstLoadViewerLabels;
  /** The images the lightbox's arrow keys move through (FluxStudio's history); this one alone by default. */
  readonly gallery?: readonly HistoryEntry[] | undefined;
  /** The image an edit started from: offered as a before/after comparison. */
  readonly before?: string | undefined;
  /**
   * Puts the prompt BFL rendered into the form (its caption, and its box rows for FLUX 3), offered when BFL
   * rewrote the prompt that was sent.
   */
  readonly adoptPrompt?: ((prompt: string, boxes: readonly BoxRow[]) => unknown) | undefined;
}

/** What `text` says, whatever its spacing. */
const words = (text: string) => text.trim().replace(/\s+/g, " ");

/** The full-screen viewer: its own chunk, loaded when it is first opened. */
const Viewer = /* @__PURE__ */ lazyPart(() => import("./Lightbox").then((m) => m.Lightbox));

const extensionOf = (url: string) => {
  const match = /\.(png|jpe?g|webp)(?:$|[?#&])/i.exec(decodeURIComponent(url));
  return match ? match[1]!.toLowerCase().replace("jpeg", "jpg") : "jpg";
};

/**
 * The finished image at its aspect ratio, its actions (download, copy seed, open) and its metadata; or, when the
 * image fails to load, what happened and how to load it after all (no Download of an image that did not load).
 */
export function ReadyView({
  result,
  image,
  downloadHref,
  expiresAt,
  prompt,
  size,
  cost,
  retry,
  vary,
  edit,
  headingLevel,
  labels: given,
  gallery,
  before,
  adoptPrompt,
}: ReadyViewProps) {
  const labels = withLazyLabels(given);
  const [natural, setNatural] = useState<{ width: number; height: number } | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const [editFailed, setEditFailed] = useState(false);
  const [viewing, setViewing] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [split, setSplit] = useState(50);
  const opener = useRef<HTMLButtonElement>(null);
  const now = useNow(expiresAt !== undefined, 1000);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  if (image.phase === "error") {
    return (
      <div className="flux-problem">
        <Title level={headingLevel}>{labels.imageFailedTitle}</Title>
        <p>{labels.imageFailedMessage}</p>
        <Actions>
          <RetryButton onClick={image.reload} label={labels.reloadImage} />
          {image.other !== undefined ? (
            <RetryButton onClick={image.loadOther} label={labels.loadOtherCopy} variant="secondary" />
          ) : null}
          <RetryButton onClick={retry} label={labels.generateAgain} variant="secondary" />
        </Actions>
      </div>
    );
  }

  const dims = natural ?? size;
  const secondsLeft = expiresAt ? Math.max(0, Math.round((expiresAt.getTime() - now) / 1000)) : undefined;
  const model = result.model ? (getModelInfo(result.model)?.label ?? result.model) : undefined;
  const shownPrompt = prompt ?? result.prompt ?? "";
  // FLUX 3 expands every prompt and FLUX.2 [pro]/[max] upsample by default: what was rendered, when it differs
  const rendered =
    result.prompt && prompt && words(result.prompt) !== words(prompt) ? result.prompt : undefined;
  const read = rendered ? parseBoxPrompt(rendered) : undefined;

  const copySeed = () => {
    if (result.seed === undefined) return;
    void navigator.clipboard?.writeText(String(result.seed)).then(() => setCopied(true));
  };

  const meta: [string, string][] = [];
  if (model) meta.push([labels.metaModel, model]);
  if (result.seed !== undefined) meta.push([labels.metaSeed, String(result.seed)]);
  if (dims) meta.push([labels.metaSize, `${dims.width} × ${dims.height}`]);
  const credits = typeof result.cost === "number" ? result.cost : cost;
  if (typeof credits === "number") meta.push([labels.metaCost, `${credits} credits`]);
  if (result.duration !== undefined) meta.push([labels.metaDuration, `${result.duration.toFixed(1)} s`]);

  // this image among the gallery's (as it loaded here), or alone
  const current: LightboxItem = {
    id: result.id,
    src: image.src,
    href: downloadHref(image.src),
    prompt: shownPrompt,
  };
  const items = (gallery ?? []).map((e): LightboxItem => {
    const src = e.imageUrl ?? e.result.url;
    return e.result.id === result.id
      ? current
      : { id: e.result.id, src, href: downloadHref(src), prompt: e.prompt };
  });
  const start = items.indexOf(current);

  return (
    <figure className="flux-result">
      <div
        className="flux-image-frame"
        style={dims ? { aspectRatio: `${dims.width} / ${dims.height}` } : undefined}
      >
        <img
          key={`${image.attempt}:${image.src}`}
          className="flux-image"
          src={image.src}
          alt={labels.imageAlt(shownPrompt)}
          width={dims?.width}
          height={dims?.height}
          onLoad={(e) => {
            const img = e.currentTarget;
            if (img.naturalWidth && img.naturalHeight) {
              setNatural({ width: img.naturalWidth, height: img.naturalHeight });
            }
            image.settle("loaded");
          }}
          onError={() => image.settle("error")}
          onClick={() => setViewing(true)}
        />
        {comparing && before ? (
          <img
            className="flux-compare-before"
            src={before}
            alt=""
            style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
          />
        ) : null}
      </div>
      {comparing && before ? (
        <input
          type="range"
          className="flux-compare-slider"
          min={0}
          max={100}
          value={split}
          onChange={(e) => setSplit(Number(e.currentTarget.value))}
          aria-label={labels.beforeAfter}
          aria-valuetext={`${split} %`}
        />
      ) : null}
      {viewing ? (
        <Viewer.Part
          fallback={null}
          items={start < 0 ? [current] : items}
          start={Math.max(0, start)}
          onClose={() => {
            setViewing(false);
            opener.current?.focus();
          }}
          labels={labels}
        />
      ) : null}
      <figcaption className="flux-result-caption">
        <div className="flux-result-actions">
          <a
            className="flux-button"
            data-variant="primary"
            href={downloadHref(image.src)}
            download={`flux-${result.seed ?? result.id}.${extensionOf(image.src)}`}
            data-flux-focus=""
          >
            {labels.download}
          </a>
          {result.seed !== undefined ? (
            <button type="button" className="flux-button" data-variant="secondary" onClick={copySeed}>
              {copied ? labels.seedCopied : labels.copySeed}
            </button>
          ) : null}
          <button
            ref={opener}
            type="button"
            className="flux-button"
            data-variant="secondary"
            onClick={() => setViewing(true)}
          >
            {labels.fullScreen}
          </button>
          {before ? (
            <button
              type="button"
              className="flux-button"
              data-variant="secondary"
              aria-pressed={comparing}
              onClick={() => setComparing((c) => !c)}
            >
              {labels.compare}
            </button>
          ) : null}
          <RetryButton onClick={vary} label={labels.vary} variant="secondary" />
          <RetryButton
            onClick={
              edit &&
              (() => {
                setEditFailed(false);
                return Promise.resolve()
                  .then(edit)
                  .catch(() => setEditFailed(true));
              })
            }
            label={labels.editImage}
            variant="secondary"
          />
        </div>
        {editFailed ? (
          <p className="flux-field-error" role="alert">
            {labels.editFailed}
          </p>
        ) : null}
        {/* the button's new name is not announced by itself */}
        <span style={visuallyHidden} aria-live="polite">
          {copied ? labels.seedCopied : ""}
        </span>
        {meta.length > 0 ? (
          <dl className="flux-meta">
            {meta.map(([term, detail]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{detail}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {secondsLeft !== undefined ? (
          <p className="flux-field-hint">{labels.expiresIn(secondsLeft)}</p>
        ) : null}
        {rendered && read ? (
          <details className="flux-rendered">
            <summary>{labels.renderedPrompt}</summary>
            <p className="flux-rendered-prompt">{rendered}</p>
            <RetryButton
              onClick={
                adoptPrompt &&
                (() =>
                  read.issues.length === 0 ? adoptPrompt(read.caption, read.rows) : adoptPrompt(rendered, []))
              }
              label={labels.useRenderedPrompt}
              variant="secondary"
            />
          </details>
        ) : null}
      </figcaption>
    </figure>
  );
}
