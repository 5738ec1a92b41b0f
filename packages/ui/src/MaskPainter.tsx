/** @jsxImportSource . */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { ReferenceImage } from "./formValue";
import type { FirstLoadLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";
import { RetryButton } from "./viewParts";
import { capturePointer } from "./capturePointer";

/** Props of `MaskPainter`. */
export interface MaskPainterProps {
  /** The image the mask is painted over (the request's first reference image). */
  readonly image: ReferenceImage;
  /** The current mask: a black PNG, white where the model repaints (FLUX.1 Fill) or removes (erase). */
  readonly mask: ReferenceImage | undefined;
  readonly onChange: (mask: ReferenceImage | undefined) => void;
  readonly labels: FirstLoadLabels;
  readonly disabled?: boolean | undefined;
  /** The checks' finding on the request's `mask` (erase needs one). */
  readonly error?: string | undefined;
}

/** The id of a mask painted over `image`: a mask is dropped when its image is replaced. */
export const maskIdFor = (image: ReferenceImage) => `mask:${image.id}`;

/**
 * The painted strokes (any colour, any alpha) as the mask BFL reads: white where painted, black elsewhere, with
 * no grey (a stroke's soft edge is in where it is at least half covered).
 */
function maskOf(strokes: HTMLCanvasElement): string {
  const out = document.createElement("canvas");
  out.width = strokes.width;
  out.height = strokes.height;
  const ctx = out.getContext("2d");
  const from = strokes.getContext("2d");
  if (!ctx || !from) return "";
  const pixels = from.getImageData(0, 0, strokes.width, strokes.height);
  const d = pixels.data;
  for (let i = 0; i < d.length; i += 4) {
    const v = d[i + 3]! >= 128 ? 255 : 0;
    [d[i], d[i + 1], d[i + 2], d[i + 3]] = [v, v, v, 255];
  }
  ctx.putImageData(pixels, 0, 0);
  return out.toDataURL("image/png");
}

/** A position on the image, in fractions of its width and height. */
interface Spot {
  readonly x: number;
  readonly y: number;
}

/**
 * Paints a mask over a reference image, by pointer (mouse, touch, pen) or keyboard (arrows move the brush,
 * Shift for larger steps, Space lifts or lowers it), with a brush size, Clear, and Done, which hands a PNG of
 * the image's own size to `onChange`. Loaded on demand, for models that take a mask.
 */
export function MaskPainter({ image, mask, onChange, labels: given, disabled, error }: MaskPainterProps) {
  const labels = withLazyLabels(given);
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<Spot | undefined>(undefined);
  const [painting, setPainting] = useState(false);
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  const [brush, setBrush] = useState(6);
  const [cursor, setCursor] = useState<Spot>({ x: 0.5, y: 0.5 });
  const [down, setDown] = useState(false);
  const [painted, setPainted] = useState(false);

  // a mask painted over another image no longer fits: it goes
  useEffect(() => {
    if (mask && mask.id !== maskIdFor(image)) onChange(undefined);
  }, [mask, image, onChange]);

  // the strokes so far come back when painting is reopened
  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!painting || !size || !ctx || !mask) return;
    const img = new Image();
    img.onload = () => {
      // the mask's white, as strokes again: opaque where it is white, transparent where black
      ctx.drawImage(img, 0, 0, size.width, size.height);
      const pixels = ctx.getImageData(0, 0, size.width, size.height);
      const d = pixels.data;
      for (let i = 0; i < d.length; i += 4) [d[i], d[i + 1], d[i + 2], d[i + 3]] = [255, 59, 48, d[i]!];
      ctx.putImageData(pixels, 0, 0);
      setPainted(true);
    };
    img.src = mask.src;
    return () => {
      img.onload = null;
    };
  }, [painting, size, mask]);

  const stroke = (to: Spot, from: Spot = to) => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx || !size) return;
    ctx.strokeStyle = ctx.fillStyle = "#ff3b30";
    ctx.lineCap = "round";
    ctx.lineWidth = (brush / 100) * size.width;
    ctx.beginPath();
    ctx.moveTo(from.x * size.width, from.y * size.height);
    ctx.lineTo(to.x * size.width, to.y * size.height);
    ctx.stroke();
    setPainted(true);
  };
  const spotOf = (event: PointerEvent<HTMLCanvasElement>): Spot => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height };
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (event.key === " ") {
      event.preventDefault();
      if (!down) stroke(cursor);
      setDown(!down);
    } else if (move) {
      event.preventDefault();
      const clamp = (n: number) => Math.min(1, Math.max(0, n));
      const next = { x: clamp(cursor.x + move[0]), y: clamp(cursor.y + move[1]) };
      if (down) stroke(next, cursor);
      setCursor(next);
    }
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext("2d")?.clearRect(0, 0, c.width, c.height);
    setPainted(false);
  };
  const done = () => {
    const c = canvas.current;
    if (c && painted) {
      const src = maskOf(c);
      onChange({
        id: maskIdFor(image),
        src,
        name: "mask.png",
        bytes: Math.round(((src.length - 22) * 3) / 4),
      });
    } else onChange(undefined);
    setPainting(false);
    setDown(false);
  };

  if (!painting) {
    return (
      <div className="flux-mask-field" data-field="mask" data-invalid={error ? "" : undefined}>
        {mask ? <img className="flux-mask-thumb" src={mask.src} alt={labels.maskPreview} /> : null}
        <RetryButton
          onClick={() => setPainting(true)}
          label={mask ? labels.editMask : labels.paintMask}
          disabled={!!disabled}
          variant="secondary"
        />
        {mask ? (
          <RetryButton
            onClick={() => onChange(undefined)}
            label={labels.removeMask}
            disabled={!!disabled}
            variant="secondary"
          />
        ) : null}
        <p className="flux-field-hint">{labels.maskHint}</p>
        {error ? (
          <p className="flux-field-error" data-field-error="mask">
            {mask ? error : labels.maskRequired}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <div className="flux-mask-field" data-state="painting">
      <div className="flux-mask-stage">
        <img
          src={image.src}
          alt=""
          onLoad={(e) =>
            setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
          }
        />
        {size ? (
          <canvas
            ref={canvas}
            className="flux-mask-canvas"
            width={size.width}
            height={size.height}
            tabIndex={0}
            role="application"
            aria-label={labels.maskCanvas}
            // behaviour, not looks, so not left to styles.css: a finger painting must not pan the page
            style={{ touchAction: "none" }}
            onKeyDown={onKeyDown}
            onPointerDown={(e) => {
              capturePointer(e.currentTarget, e.pointerId);
              last.current = spotOf(e);
              stroke(last.current);
            }}
            onPointerMove={(e) => {
              if (!last.current) return;
              const spot = spotOf(e);
              stroke(spot, last.current);
              last.current = spot;
            }}
            onPointerUp={() => (last.current = undefined)}
            onPointerCancel={() => (last.current = undefined)}
          />
        ) : null}
        {size ? (
          <span
            className="flux-mask-cursor"
            data-state={down ? "down" : "up"}
            aria-hidden="true"
            style={{ left: `${cursor.x * 100}%`, top: `${cursor.y * 100}%`, width: `${brush}%` }}
          />
        ) : null}
      </div>
      <span className="flux-field-hint" aria-live="polite">
        {labels.maskBrushAt(Math.round(cursor.x * 100), Math.round(cursor.y * 100), down)}
      </span>
      <label className="flux-mask-brush">
        <span>{labels.brushSize}</span>
        <input
          type="range"
          className="flux-range"
          min={1}
          max={25}
          value={brush}
          onChange={(e) => setBrush(Number(e.currentTarget.value))}
        />
      </label>
      <div className="flux-mask-actions">
        <RetryButton onClick={clear} label={labels.clearMask} variant="secondary" />
        <RetryButton onClick={done} label={labels.maskDone} />
      </div>
    </div>
  );
}
