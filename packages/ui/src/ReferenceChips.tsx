/** @jsxImportSource . */
"use client";
import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from "react";
import { MAX_REFERENCES } from "@flux-kit/core/boxes";
import { cx } from "./cx";
import type { ReferenceImage } from "./formValue";
import { addFiles, useLatestImages } from "./ImageInput";
import { firstLoadLabels } from "./labels";
import {
  insertionPoint,
  insertMention,
  mentionsOf,
  renumberAfterMove,
  renumberAfterRemove,
  type ReferenceChange,
} from "./mentions";
import { referenceChipsLabels, type ReferenceChipsLabels } from "./referenceChipsLabels";
import { visuallyHidden } from "./visuallyHidden";
import { capturePointer } from "./capturePointer";

export type { ReferenceChange } from "./mentions";
export type { ReferenceChipsLabels } from "./referenceChipsLabels";

/** Props of `ReferenceChips`. Every other `<div>` prop (`className`, `style`, `ref`, `data-*`, `aria-*`) passes through. */
export interface ReferenceChipsProps extends Omit<HTMLAttributes<HTMLDivElement>, "onChange"> {
  /** The references, in the order of the request's `images`: the first chip is "image 1". */
  readonly images: readonly ReferenceImage[];
  /**
   * Called with the new list and what changed: `{ kind: "add" }`, `{ kind: "remove", index }` or
   * `{ kind: "move", from, to }` (0-based positions), so a parent can renumber its box rows too.
   * @example onChange={(images, change) => { setImages(images); setRows(renumberRowsAfterChange(rows, change).rows); }}
   */
  readonly onChange: (images: ReferenceImage[], change: ReferenceChange) => void;
  /** Most references accepted. @default 10 (`MAX_REFERENCES`, FLUX 3 Image's limit) */
  readonly max?: number | undefined;
  /** The prompt: a chip's click names its picture in it, a reorder or removal renumbers its mentions. */
  readonly prompt: string;
  /** Called with the prompt after a mention is inserted or renumbered. */
  readonly onPromptChange: (prompt: string) => void;
  /**
   * The prompt's field: a mention goes in at its cursor (replacing a selection) and focus returns there. Without
   * it, the mention is added at the end. @default undefined
   * @example const promptRef = useRef<HTMLTextAreaElement>(null); <textarea ref={promptRef} … />
   */
  readonly promptRef?: RefObject<HTMLTextAreaElement | null> | undefined;
  /** Turns every control off, and ignores drops and pastes. @default false */
  readonly disabled?: boolean | undefined;
  /** An error from the form's check, shown under the chips. @default undefined */
  readonly error?: string | undefined;
  /** Overrides of the English strings. @default referenceChipsLabels */
  readonly labels?: Partial<ReferenceChipsLabels> | undefined;
  /**
   * Image numbers something besides the prompt names, e.g. FLUX 3 box rows (`from: "ref_image_1"` is 2):
   * removing one of them asks first, as a mention in the prompt does. @default []
   */
  readonly usedBy?: readonly number[] | undefined;
  /**
   * Keeps image 1 first (it cannot move, nor another move before it): the picture an edit acts on, while rows
   * edit it. @default false
   */
  readonly pinFirst?: boolean | undefined;
}

type Pending =
  | { readonly kind: "chip"; readonly id: string; readonly index: number; readonly part: "main" | "remove" }
  | { readonly kind: "add" }
  | { readonly kind: "prompt"; readonly prompt: string; readonly cursor: number };

const NONE: readonly number[] = [];

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");

/**
 * FLUX 3 Image's references as numbered chips, named as the prompt names them ("image 1" first). A click names a
 * picture in the prompt at its cursor; drag a chip (or press Alt+Left/Right on it) to reorder, and the prompt's
 * mentions follow their pictures; removing one the prompt names asks first. Files are added with the Add button,
 * or dropped or pasted on the chips.
 * @example <ReferenceChips images={images} onChange={setImages} prompt={prompt} onPromptChange={setPrompt} promptRef={promptRef} />
 */
export const ReferenceChips = /* @__PURE__ */ forwardRef<HTMLDivElement, ReferenceChipsProps>(
  function ReferenceChips(
    {
      images,
      onChange,
      max = MAX_REFERENCES,
      prompt,
      onPromptChange,
      promptRef,
      disabled,
      error,
      labels: overrides,
      usedBy = NONE,
      pinFirst = false,
      id: idProp,
      className,
      onPaste,
      onDragOver,
      onDragLeave,
      onDrop,
      ...rest
    },
    ref,
  ) {
    const labels = overrides ? { ...referenceChipsLabels, ...overrides } : referenceChipsLabels;
    const autoId = useId();
    const id = idProp ?? autoId;
    const listRef = useRef<HTMLOListElement>(null);
    const addRef = useRef<HTMLButtonElement>(null);
    const fileRef = useRef<HTMLInputElement>(null);
    const pending = useRef<Pending | null>(null);
    const pointer = useRef<{ from: number; over: number; x: number; y: number; active: boolean } | null>(
      null,
    );
    const suppressClick = useRef(false);
    const [drag, setDrag] = useState<{ from: number; over: number } | null>(null);
    const [filesOver, setFilesOver] = useState(false);
    const [confirming, setConfirming] = useState<string | null>(null);
    const [errors, setErrors] = useState<readonly string[]>([]);
    const [announcement, setAnnouncement] = useState("");
    const full = images.length >= max;
    const shownError = [...errors, ...(error ? [error] : [])].join(" ") || undefined;
    const confirmIndex = images.findIndex((image) => image.id === confirming);

    // focus goes where an action left it once the parent has passed the new images or prompt back
    useEffect(() => {
      const target = pending.current;
      if (!target) return;
      if (target.kind === "prompt") {
        const field = promptRef?.current;
        if (!field || field.value !== target.prompt) return;
        field.focus();
        field.setSelectionRange(target.cursor, target.cursor);
      } else if (target.kind === "add") {
        addRef.current?.focus();
      } else {
        const chip = listRef.current?.children[target.index];
        if (!(chip instanceof HTMLElement) || chip.dataset.id !== target.id) return;
        chip
          .querySelector<HTMLElement>(target.part === "main" ? ".flux-ref-main" : ".flux-ref-remove")
          ?.focus();
      }
      pending.current = null;
    });

    const latestRef = useLatestImages(images);
    const add = async (files: readonly File[]) => {
      if (files.length === 0) return;
      // addFiles reads the first load's labels: only its four refusals are said here
      const { imageTooLarge, imageTooManyPixels, imageNotAnImage, imageLimitReached } = labels;
      const result = await addFiles(files, () => latestRef.current, max, {
        ...firstLoadLabels(undefined),
        imageTooLarge,
        imageTooManyPixels,
        imageNotAnImage,
        imageLimitReached,
      });
      setErrors(result.errors);
      if (result.images.length === latestRef.current.length) return;
      latestRef.current = result.images;
      onChange([...result.images], { kind: "add" });
    };

    const mention = (index: number) => {
      const field = promptRef?.current;
      const { start, end } = insertionPoint(field, prompt);
      const next = insertMention(prompt, start, end, index + 1);
      if (field) pending.current = { kind: "prompt", ...next };
      onPromptChange(next.prompt);
    };

    const move = (from: number, to: number) => {
      const picked = images[from];
      if (!picked || to < 0 || to >= images.length || to === from) return;
      if (pinFirst && (from === 0 || to === 0)) {
        setAnnouncement(labels.firstPinned);
        return;
      }
      const next = images.filter((_, i) => i !== from);
      next.splice(to, 0, picked);
      pending.current = { kind: "chip", id: picked.id, index: to, part: "main" };
      onChange(next, { kind: "move", from, to });
      const renumbered = renumberAfterMove(prompt, from + 1, to + 1);
      if (renumbered !== prompt) onPromptChange(renumbered);
      setAnnouncement(labels.moved(to + 1, images.length));
    };

    const remove = (index: number) => {
      const next = images.filter((_, i) => i !== index);
      const after = next[index];
      pending.current = after ? { kind: "chip", id: after.id, index, part: "main" } : { kind: "add" };
      setConfirming(null);
      setErrors([]);
      onChange(next, { kind: "remove", index });
      const renumbered = renumberAfterRemove(prompt, index + 1);
      if (renumbered !== prompt) onPromptChange(renumbered);
      setAnnouncement(labels.removed(index + 1));
    };

    const keep = (image: ReferenceImage, index: number) => {
      pending.current = { kind: "chip", id: image.id, index, part: "remove" };
      setConfirming(null);
    };

    /** The chip whose box holds the point, if any. */
    const chipAt = (x: number, y: number) =>
      Array.from(listRef.current?.children ?? []).findIndex((chip) => {
        const box = chip.getBoundingClientRect();
        return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
      });

    const onPointerDown = (event: PointerEvent<HTMLButtonElement>, index: number) => {
      suppressClick.current = false;
      if (disabled || event.button !== 0 || images.length < 2) return;
      pointer.current = { from: index, over: index, x: event.clientX, y: event.clientY, active: false };
      capturePointer(event.currentTarget, event.pointerId);
    };
    const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
      const p = pointer.current;
      if (!p || (!p.active && Math.hypot(event.clientX - p.x, event.clientY - p.y) < 6)) return;
      p.active = true;
      const over = chipAt(event.clientX, event.clientY);
      if (over >= 0) p.over = over;
      setDrag((d) => (d?.from === p.from && d.over === p.over ? d : { from: p.from, over: p.over }));
    };
    const endDrag = (drop: boolean) => {
      const p = pointer.current;
      pointer.current = null;
      setDrag(null);
      if (!p?.active) return;
      suppressClick.current = true;
      if (drop) move(p.from, p.over);
    };

    const onChipKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
      if (event.key === "Escape" && pointer.current) endDrag(false);
      if (!event.altKey || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
      event.preventDefault(); // Alt+Left is also the browser's Back
      move(index, index + (event.key === "ArrowLeft" ? -1 : 1));
    };

    return (
      <div
        role="group"
        aria-label={labels.group}
        {...rest}
        ref={ref}
        id={id}
        className={cx("flux-refs", className)}
        data-state={drag ? "reordering" : filesOver ? "dragging" : full ? "full" : "idle"}
        data-disabled={disabled ? "" : undefined}
        data-invalid={shownError ? "" : undefined}
        aria-describedby={cx(rest["aria-describedby"], shownError && `${id}-error`) || undefined}
        onPaste={(event: ClipboardEvent<HTMLDivElement>) => {
          onPaste?.(event);
          const files = Array.from(event.clipboardData.files).filter((f) => f.type.startsWith("image/"));
          if (disabled || files.length === 0) return;
          // the surrounding form adds pasted images too: this paste is ours
          event.preventDefault();
          event.stopPropagation();
          void add(files);
        }}
        onDragOver={(event) => {
          onDragOver?.(event);
          if (disabled || !hasFiles(event)) return;
          event.preventDefault();
          setFilesOver(true);
        }}
        onDragLeave={(event) => {
          onDragLeave?.(event);
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFilesOver(false);
        }}
        onDrop={(event) => {
          onDrop?.(event);
          if (!hasFiles(event)) return;
          event.preventDefault();
          setFilesOver(false);
          if (!disabled) void add(Array.from(event.dataTransfer.files));
        }}
      >
        <div className="flux-refs-body">
          {images.length > 0 ? (
            <ol ref={listRef} className="flux-refs-list">
              {images.map((image, i) => (
                <li
                  key={image.id}
                  className="flux-ref"
                  data-id={image.id}
                  data-state={drag?.from === i ? "dragging" : drag?.over === i ? "over" : "idle"}
                  data-drop={
                    drag && drag.over === i && i !== drag.from
                      ? i < drag.from
                        ? "before"
                        : "after"
                      : undefined
                  }
                >
                  <button
                    type="button"
                    className="flux-ref-main"
                    aria-label={labels.chip(i + 1, image.name)}
                    aria-describedby={`${id}-hint`}
                    disabled={disabled}
                    // behaviour, not looks, so not left to styles.css: a finger dragging a chip reorders, it does
                    // not pan the page
                    style={{ touchAction: "none" }}
                    onClick={(event) => {
                      if (suppressClick.current && event.detail > 0) return; // the click that ends a drag
                      mention(i);
                    }}
                    onKeyDown={(event) => onChipKey(event, i)}
                    onPointerDown={(event) => onPointerDown(event, i)}
                    onPointerMove={onPointerMove}
                    onPointerUp={() => endDrag(true)}
                    onPointerCancel={() => endDrag(false)}
                  >
                    <img src={image.src} alt="" draggable={false} />
                    <span>image {i + 1}</span>
                  </button>
                  <button
                    type="button"
                    className="flux-ref-remove"
                    aria-label={labels.remove(i + 1)}
                    disabled={disabled}
                    onClick={() =>
                      mentionsOf(prompt).includes(i + 1) || usedBy.includes(i + 1)
                        ? setConfirming(image.id)
                        : remove(i)
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
          <button
            ref={addRef}
            type="button"
            className="flux-button flux-refs-add"
            data-variant="secondary"
            disabled={disabled || full}
            onClick={() => fileRef.current?.click()}
          >
            {labels.addImage}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="image/*"
            multiple={max > 1}
            hidden
            tabIndex={-1}
            aria-label={labels.addImage}
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = "";
              void add(files);
            }}
          />
        </div>
        {confirmIndex >= 0 ? (
          <div
            key={confirming}
            className="flux-refs-confirm"
            role="group"
            aria-labelledby={`${id}-confirm`}
            onKeyDown={(event) => {
              if (event.key === "Escape") keep(images[confirmIndex]!, confirmIndex);
            }}
          >
            <p id={`${id}-confirm`}>
              {mentionsOf(prompt).includes(confirmIndex + 1)
                ? labels.confirmRemove(confirmIndex + 1)
                : labels.confirmRemoveUsed(confirmIndex + 1)}
            </p>
            <button
              type="button"
              className="flux-button"
              data-action="remove"
              onClick={() => remove(confirmIndex)}
            >
              {labels.confirmRemoveYes}
            </button>
            <button
              type="button"
              className="flux-button"
              // the safe answer has focus: Enter keeps the picture
              autoFocus
              onClick={() => keep(images[confirmIndex]!, confirmIndex)}
            >
              {labels.confirmRemoveNo}
            </button>
          </div>
        ) : null}
        {images.length > 0 ? (
          <p id={`${id}-hint`} className="flux-field-hint">
            {labels.chipHint}
          </p>
        ) : null}
        <p role="status" style={visuallyHidden}>
          {announcement}
        </p>
        {shownError ? (
          <p id={`${id}-error`} className="flux-field-error" role="alert">
            {shownError}
          </p>
        ) : null}
      </div>
    );
  },
);
