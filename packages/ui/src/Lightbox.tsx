/** @jsxImportSource . */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { FluxLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";

/** One image the lightbox shows. */
export interface LightboxItem {
  readonly id: string;
  /** What the `<img>` loads. */
  readonly src: string;
  /** A same-origin URL of the same bytes (the proxy's image route for a BFL delivery URL), to copy the image. */
  readonly href: string;
  readonly prompt: string;
}

/** Props of `Lightbox`. */
export interface LightboxProps {
  readonly items: readonly LightboxItem[];
  /** The item shown first. */
  readonly start: number;
  readonly onClose: () => void;
  readonly labels: FluxLabels;
}

const ZOOMS = [1, 2, 4] as const;

/** The image as PNG, the one type every browser's clipboard takes. */
async function pngOf(href: string): Promise<Blob> {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  if (blob.type === "image/png") return blob;
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((png) => (png ? resolve(png) : reject(new Error("no PNG"))), "image/png"),
  );
}

/**
 * One of the bar's buttons. At an end it says so (`aria-disabled`) but stays focusable: a disabled button would
 * drop the focus to the page, out of the keyboard's reach.
 */
function Tool({ label, onClick, atEnd }: { label: string; onClick: () => unknown; atEnd?: boolean }) {
  return (
    <button
      type="button"
      className="flux-button"
      data-variant="secondary"
      onClick={onClick}
      aria-disabled={atEnd || undefined}
    >
      {label}
    </button>
  );
}

/**
 * A full-screen view of an image (a modal `<dialog>`: focus stays inside, Escape closes): zoom (buttons, `+`/`-`,
 * a click on the image), the arrow keys through the other images, copy the image or its prompt, open the
 * original. Loaded on demand.
 */
export function Lightbox({ items, start, onClose, labels }: LightboxProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  // the image shown, by id: the list changes under it (a job that finishes goes in front)
  const [shown, setShown] = useState(items[start]?.id);
  const [zoom, setZoom] = useState(0);
  const [said, setSaid] = useState("");
  const found = items.findIndex((i) => i.id === shown);
  const index = found === -1 ? Math.min(start, items.length - 1) : found;
  const item = items[index];

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // the same start in every browser: on Close, from where the arrow keys and Tab work
    close.current?.focus();
    return () => d?.close();
  }, []);
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(""), 2500);
    return () => clearTimeout(timer);
  }, [said]);

  if (!item) return null;
  // closed before it goes: while it is modal, the page behind it is inert and cannot take the focus back
  const end = () => {
    dialog.current?.close();
    onClose();
  };
  const go = (step: number) => {
    setShown(items[Math.min(items.length - 1, Math.max(0, index + step))]?.id);
    setZoom(0);
  };
  const zoomTo = (z: number) => {
    const next = Math.min(ZOOMS.length - 1, Math.max(0, z));
    setZoom(next);
    setSaid(`${ZOOMS[next]! * 100} %`);
  };
  const zoomBy = (step: number) => zoomTo(zoom + step);
  const copy = (write: () => Promise<void>, done: string) =>
    void write().then(
      () => setSaid(done),
      () => setSaid(labels.copyFailed),
    );
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => go(-1),
      ArrowRight: () => go(1),
      "+": () => zoomBy(1),
      "=": () => zoomBy(1),
      "-": () => zoomBy(-1),
      "0": () => zoomTo(0),
    };
    const action = keys[event.key];
    // on the zoomed image the arrows scroll it, as on any scrolled region
    const scrolling =
      zoom > 0 &&
      event.key.startsWith("Arrow") &&
      event.target === event.currentTarget.querySelector(".flux-lightbox-stage");
    if (!action || scrolling || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };
  const scale = ZOOMS[zoom] ?? 1;

  return (
    <dialog
      ref={dialog}
      className="flux-lightbox"
      aria-label={labels.lightbox}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        end();
      }}
    >
      <div className="flux-lightbox-bar">
        <span className="flux-lightbox-position">{labels.position(index + 1, items.length)}</span>
        {items.length > 1 ? (
          <>
            <Tool label={labels.previousImage} onClick={() => go(-1)} atEnd={index === 0} />
            <Tool label={labels.nextImage} onClick={() => go(1)} atEnd={index === items.length - 1} />
          </>
        ) : null}
        <Tool label={labels.zoomOut} onClick={() => zoomBy(-1)} atEnd={zoom === 0} />
        <Tool label={labels.zoomIn} onClick={() => zoomBy(1)} atEnd={zoom === ZOOMS.length - 1} />
        <Tool
          label={labels.copyImage}
          onClick={() =>
            copy(
              () => navigator.clipboard.write([new ClipboardItem({ "image/png": pngOf(item.href) })]),
              labels.imageCopied,
            )
          }
        />
        <Tool
          label={labels.copyPrompt}
          onClick={() =>
            item.prompt && copy(() => navigator.clipboard.writeText(item.prompt), labels.promptCopied)
          }
          atEnd={!item.prompt}
        />
        <a
          className="flux-button"
          data-variant="secondary"
          href={item.src}
          target="_blank"
          rel="noopener noreferrer"
        >
          {labels.openFullSize}
        </a>
        <button ref={close} type="button" className="flux-button" data-variant="primary" onClick={end}>
          {labels.closeViewer}
        </button>
      </div>
      {/* focusable, to be scrolled by keyboard once zoomed */}
      <div
        className="flux-lightbox-stage"
        data-zoom={scale}
        tabIndex={0}
        role="region"
        aria-label={labels.imageAlt(item.prompt)}
      >
        <img
          key={item.id}
          src={item.src}
          alt={labels.imageAlt(item.prompt)}
          style={scale > 1 ? { width: `${scale * 100}%`, maxWidth: "none", maxHeight: "none" } : undefined}
          onClick={() => zoomTo(zoom === 0 ? 1 : 0)}
        />
      </div>
      {item.prompt ? <p className="flux-lightbox-prompt">{item.prompt}</p> : null}
      <span style={visuallyHidden} role="status" aria-live="polite">
        {said}
      </span>
    </dialog>
  );
}
