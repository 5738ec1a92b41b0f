/** @jsxImportSource . */
import { useState } from "react";
import { getModelInfo, type FluxResult } from "@flux-kit/core";
import type { FluxLabels } from "./labels";
import { useNow } from "./useNow";

/** Props of `ReadyView`. */
export interface ReadyViewProps {
  readonly result: FluxResult;
  readonly imageUrl: string;
  readonly downloadHref: string;
  readonly expiresAt: Date | undefined;
  readonly prompt: string | undefined;
  /** Requested size, for the box's aspect ratio before the image loads. */
  readonly size: { readonly width: number; readonly height: number } | undefined;
  /** Credits charged, from the submit (BFL reports it there, not in the result). */
  readonly cost?: number | null | undefined;
  readonly labels: FluxLabels;
}

const extensionOf = (url: string) => {
  const match = /\.(png|jpe?g|webp)(?:$|[?#&])/i.exec(decodeURIComponent(url));
  return match ? match[1]!.toLowerCase().replace("jpeg", "jpg") : "jpg";
};

/** The finished image at its aspect ratio, its actions (download, copy seed, open) and its metadata. */
export function ReadyView({
  result,
  imageUrl,
  downloadHref,
  expiresAt,
  prompt,
  size,
  cost,
  labels,
}: ReadyViewProps) {
  const [natural, setNatural] = useState<{ width: number; height: number } | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const now = useNow(expiresAt !== undefined, 1000);
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
          className="flux-image"
          src={imageUrl}
          alt={labels.imageAlt(shownPrompt)}
          width={dims?.width}
          height={dims?.height}
          onLoad={(e) => {
            const img = e.currentTarget;
            if (img.naturalWidth && img.naturalHeight) {
              setNatural({ width: img.naturalWidth, height: img.naturalHeight });
            }
          }}
        />
      </div>
      <figcaption className="flux-result-caption">
        <div className="flux-result-actions">
          <a
            className="flux-button"
            data-variant="primary"
            href={downloadHref}
            download={`flux-${result.seed ?? result.id}.${extensionOf(imageUrl)}`}
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
            href={imageUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            {labels.openFullSize}
          </a>
        </div>
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
