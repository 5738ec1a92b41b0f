/** @jsxImportSource . */
import { useState } from "react";
import { getModelInfo, type FluxResult } from "@flux-kit/core";
import type { ViewerLabels } from "./generationView";
import { Actions, RetryButton, Title, type HeadingLevel } from "./ProblemView";
import { useNow } from "./useNow";
import { visuallyHidden } from "./visuallyHidden";

/** Where the shown image is: `loading` until its `<img>` fires `load` (`loaded`) or `error`. */
export type ImagePhase = "loading" | "loaded" | "error";

/** A URL the image can be loaded from, and when it stops working (`undefined`: not known to). */
export interface ImageSource {
  readonly url: string;
  readonly expiresAt: Date | undefined;
}

/** The loading of a ready image: the source shown, its phase, and what can be done after an error. */
export interface ImageLoad {
  readonly src: string;
  /** Bumped by each (re)load: the `<img>` is keyed by it, as setting the same `src` again requests nothing. */
  readonly attempt: number;
  readonly phase: ImagePhase;
  /** After an error, a source not tried yet and not expired, to offer. */
  readonly other: string | undefined;
  readonly settle: (phase: "loaded" | "error") => void;
  readonly reload: () => void;
  readonly loadOther: () => void;
}

interface LoadState {
  /** The image this state is of: another result, or another copy of it, starts afresh. */
  readonly of: string;
  readonly src: string;
  readonly attempt: number;
  readonly phase: ImagePhase;
  readonly tried: readonly string[];
  readonly other: string | undefined;
}

/**
 * Follows the loading of a ready image, from the first of `sources`: the viewer announces ready only once it has
 * loaded, and after an error offers to load it again or from another source (a persisted copy, the delivery URL,
 * the proxy's image route) that is not known to have expired. `of` names the image; with no sources, nothing is
 * shown and the state is dropped, so a result shown again is loaded afresh.
 */
export function useImageLoad(of: string, sources: readonly ImageSource[]): ImageLoad {
  const [stored, setStored] = useState<LoadState | undefined>(undefined);
  if (stored !== undefined && stored.of !== of) setStored(undefined);
  const state: LoadState =
    stored?.of === of
      ? stored
      : { of, src: sources[0]?.url ?? "", attempt: 0, phase: "loading", tried: [], other: undefined };
  const load = (src: string) =>
    setStored({ ...state, src, attempt: state.attempt + 1, phase: "loading", other: undefined });
  return {
    src: state.src,
    attempt: state.attempt,
    phase: state.phase,
    other: state.other,
    settle: (phase) => {
      if (phase === "loaded") return setStored({ ...state, phase });
      const tried = [...state.tried, state.src];
      const now = Date.now();
      const other = sources.find(
        (s) => !tried.includes(s.url) && (s.expiresAt === undefined || s.expiresAt.getTime() > now),
      );
      setStored({ ...state, phase, tried, other: other?.url });
    },
    reload: () => load(state.src),
    loadOther: () => {
      if (state.other !== undefined) load(state.other);
    },
  };
}

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
  readonly headingLevel: HeadingLevel;
  readonly labels: ViewerLabels;
}

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
  headingLevel,
  labels,
}: ReadyViewProps) {
  const [natural, setNatural] = useState<{ width: number; height: number } | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const now = useNow(expiresAt !== undefined, 1000);

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

  const copySeed = () => {
    if (result.seed === undefined) return;
    void navigator.clipboard?.writeText(String(result.seed)).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    });
  };

  const meta: [string, string][] = [];
  if (model) meta.push([labels.metaModel, model]);
  if (result.seed !== undefined) meta.push([labels.metaSeed, String(result.seed)]);
  if (dims) meta.push([labels.metaSize, `${dims.width} × ${dims.height}`]);
  const credits = typeof result.cost === "number" ? result.cost : cost;
  if (typeof credits === "number") meta.push([labels.metaCost, `${credits} credits`]);
  if (result.duration !== undefined) meta.push([labels.metaDuration, `${result.duration.toFixed(1)} s`]);

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
        />
      </div>
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
          <a
            className="flux-button"
            data-variant="secondary"
            href={image.src}
            target="_blank"
            rel="noopener noreferrer"
          >
            {labels.openFullSize}
          </a>
        </div>
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
      </figcaption>
    </figure>
  );
}
