/** @jsxImportSource . */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { estimateCost, getModelInfo } from "@flux-kit/core";
import { FLUX3_RESOLUTIONS, flux3OutputSize } from "@flux-kit/core/internal";
import {
  imageNumber,
  isLayoutRow,
  layoutRow,
  validateBoxes,
  type BoxRow,
  type EditRow,
} from "@flux-kit/core/boxes";
import { Field, describedBy } from "./Field";
import { buildInput, maxImages, type PromptFormValue } from "./formValue";
import type { FirstLoadLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";
import { lazyPart } from "./lazyPart";
import { insertionPoint, renumberRowsAfterChange } from "./mentions";
import { ReferenceChips } from "./ReferenceChips";
import { visuallyHidden } from "./visuallyHidden";

/** The layout editor: a chunk of its own, loaded when a person opens it (or a value already has boxes). */
const Layout = /* @__PURE__ */ lazyPart(() => import("./LayoutEditor").then((m) => m.LayoutEditor));

/** Props of `Flux3Fields`. */
export interface Flux3FieldsProps {
  readonly id: string;
  readonly value: PromptFormValue;
  readonly onChange: (patch: Partial<PromptFormValue>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly labels: FirstLoadLabels;
  readonly disabled?: boolean | undefined;
  /** The prompt's textarea: chips insert "image N" and the editor cites `<id>` at its cursor. */
  readonly promptRef: RefObject<HTMLTextAreaElement | null>;
  /** Told how many problems the layout has (core's `validateBoxes` errors): the form sends none while any remain. */
  readonly onLayoutErrors: (count: number) => void;
  /** A submit was refused: the layout's problems are said beside it. */
  readonly attempted: boolean;
}

/** `text` written into `prompt` at the textarea's cursor (`insertionPoint`), with the cursor after it. */
function insertAtCursor(prompt: string, field: HTMLTextAreaElement | null, text: string) {
  const { start, end } = insertionPoint(field, prompt);
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const lead = before === "" || /\s$/.test(before) ? "" : " ";
  const trail = after === "" || /^[\s.,;:!?)]/.test(after) ? "" : " ";
  const next = `${before}${lead}${text}${trail}${after}`;
  const cursor = before.length + lead.length + text.length;
  return { prompt: next, cursor };
}

/** Layout rows for edit rows and back: what was drawn carries over when the mode changes. */
function convertRows(rows: readonly BoxRow[], edit: boolean): BoxRow[] {
  if (edit) {
    return rows.map((row) =>
      isLayoutRow(row) ? { id: row.id, from: null, src_bbox: null, tgt_bbox: row.bbox, desc: row.desc } : row,
    );
  }
  return rows.flatMap((row) =>
    isLayoutRow(row) ? [row] : row.tgt_bbox ? [layoutRow(row.id, row.tgt_bbox, row.desc)] : [],
  );
}

/**
 * FLUX 3 Image's own fields, generated from its catalogue entry: up to ten references as numbered chips, the
 * aspect ratio (with what `auto` does), the resolution tiers with their megapixels and price, and the layout
 * editor, whose boxes are written into the prompt when it is sent. Its own chunk: the form loads it when FLUX 3
 * is the model.
 */
export function Flux3Fields({
  id,
  value,
  onChange,
  errors,
  labels: given,
  disabled,
  promptRef,
  onLayoutErrors,
  attempted,
}: Flux3FieldsProps) {
  const labels = withLazyLabels(given);
  const model = getModelInfo(value.model);
  const c = model.capabilities;
  const ratios = c.size.kind === "aspect_ratio" ? (c.size.ratios ?? []) : [];
  const boxes = value.boxes ?? [];
  const [opened, setOpen] = useState(false);
  // rows set from elsewhere (Use this prompt, a controlled value) show the editor, so they can be seen and fixed
  const open = opened || boxes.length > 0;
  // edit rows over image 1 once there is one, unless the person chose a new layout (rows drawn decide first)
  const [chosen, setChosen] = useState<boolean | undefined>(undefined);
  const edit = value.images.length > 0 && (boxes.length > 0 ? !boxes.every(isLayoutRow) : (chosen ?? true));
  const tier = typeof value.advanced.resolution === "string" ? value.advanced.resolution : "1k";
  const resolution = (FLUX3_RESOLUTIONS as readonly string[]).includes(tier)
    ? (tier as (typeof FLUX3_RESOLUTIONS)[number])
    : "1k";
  // the frame the boxes are drawn on: the chosen ratio, or for auto image 1's (square without one)
  const first = value.images[0];
  const frameRatio =
    value.aspectRatio !== "auto"
      ? value.aspectRatio
      : first?.width && first.height
        ? `${first.width}:${first.height}`
        : "1:1";
  const input = buildInput(value);
  // core's box checks on the prompt exactly as it will be sent (rows drawn here, or typed or pasted into it): the
  // form sends nothing while they find errors
  const frame = flux3OutputSize(resolution, frameRatio);
  const checked = useMemo(
    () =>
      validateBoxes(typeof input.prompt === "string" ? input.prompt : "", {
        images: value.images.length,
        frame,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the prompt, the pictures and the frame decide
    [input.prompt, value.images.length, frame.width, frame.height],
  );
  // a prompt with no rows is prose: what the checks find there (a <token> no row has, image 3 of two) is said,
  // not enforced
  const problems = checked.kind === "none" ? 0 : checked.errors.length;
  useEffect(() => onLayoutErrors(problems), [onLayoutErrors, problems]);
  // what the rows of the editor cannot show: a caption citing a box that is not there, a picture past the given
  // ones, rows that cannot be read
  const general = checked.errors.filter((issue) => !("index" in issue) || issue.index === undefined);
  // the picture numbers the rows take from: removing one asks first, as a mention in the prompt does
  const usedByRows = [
    ...new Set(boxes.flatMap((row) => (!isLayoutRow(row) && row.from ? [imageNumber(row.from)] : []))),
  ];
  const heading = useRef<HTMLParagraphElement | null>(null);
  // after a citation, the prompt takes focus with the cursor after it, once it shows the new text (in the same
  // commit: a later frame would take focus from wherever the person went next)
  const citing = useRef<{ prompt: string; cursor: number } | undefined>(undefined);
  useLayoutEffect(() => {
    const field = promptRef.current;
    const pending = citing.current;
    if (!field || !pending || field.value !== pending.prompt) return;
    citing.current = undefined;
    field.focus();
    field.setSelectionRange(pending.cursor, pending.cursor);
  });
  const cite = (text: string) => {
    const next = insertAtCursor(value.prompt, promptRef.current, text);
    citing.current = next;
    onChange({ prompt: next.prompt });
  };

  return (
    <>
      <ReferenceChips
        id={`${id}-images`}
        images={value.images}
        max={maxImages(c)}
        prompt={value.prompt}
        onPromptChange={(prompt) => onChange({ prompt })}
        promptRef={promptRef}
        disabled={disabled}
        error={errors.images}
        usedBy={usedByRows}
        // image 1 is the picture edit rows act on: it stays first while they do
        pinFirst={edit && boxes.length > 0}
        onChange={(images, change) => {
          // the boxes' references follow their pictures, as the prompt's mentions do; rows taken from a removed
          // picture go with it (its removal was confirmed), and with no picture left the rows become a layout
          const { rows, named } = renumberRowsAfterChange(boxes, change);
          const kept = rows.filter((row) => !named.includes(row as EditRow));
          onChange({ images, boxes: images.length === 0 ? convertRows(kept, false) : kept });
        }}
      />
      <Field
        id={`${id}-aspect_ratio`}
        name="aspect_ratio"
        label={labels.aspectRatio}
        hint={value.aspectRatio === "auto" ? labels.aspectAutoHint(value.images.length) : undefined}
        error={errors.aspect_ratio}
      >
        <select
          id={`${id}-aspect_ratio`}
          className="flux-select"
          value={value.aspectRatio}
          aria-invalid={errors.aspect_ratio ? true : undefined}
          aria-describedby={describedBy(
            `${id}-aspect_ratio`,
            value.aspectRatio === "auto",
            errors.aspect_ratio,
          )}
          onChange={(e) => onChange({ aspectRatio: e.currentTarget.value, preset: e.currentTarget.value })}
        >
          {ratios.map((ratio) => (
            <option key={ratio} value={ratio}>
              {ratio === "auto" ? labels.aspectAuto : ratio}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${id}-resolution`}
        name="resolution"
        label={labels.resolution}
        error={errors.resolution}
        group
      >
        <div className="flux-tiers">
          {FLUX3_RESOLUTIONS.map((t) => {
            const size = flux3OutputSize(t, frameRatio);
            const mp = Math.round((size.width * size.height) / 1e5) / 10;
            const cost = estimateCost(model, { ...input, resolution: t });
            return (
              <label key={t} className="flux-tier" data-state={t === resolution ? "checked" : "unchecked"}>
                <input
                  type="radio"
                  style={visuallyHidden}
                  name={`${id}-resolution`}
                  value={t}
                  checked={t === resolution}
                  onChange={() => onChange({ advanced: { ...value.advanced, resolution: t } })}
                />
                <span className="flux-tier-name">{t}</span>
                <span className="flux-tier-detail">{labels.tierDetail(mp, cost?.credits)}</span>
              </label>
            );
          })}
        </div>
      </Field>
      <section
        className="flux-layout"
        aria-labelledby={`${id}-layout-title`}
        data-state={open ? "open" : "closed"}
        data-invalid={attempted && problems > 0 ? "" : undefined}
      >
        <div className="flux-layout-head">
          <p className="flux-label" id={`${id}-layout-title`} ref={heading} tabIndex={-1}>
            {labels.layout}
          </p>
          {open && value.images.length > 0 ? (
            <div className="flux-segmented" role="radiogroup" aria-label={labels.layout}>
              {[false, true].map((mode) => (
                <label
                  key={String(mode)}
                  className="flux-preset"
                  data-state={mode === edit ? "checked" : "unchecked"}
                >
                  <input
                    type="radio"
                    style={visuallyHidden}
                    name={`${id}-layout-mode`}
                    checked={mode === edit}
                    onChange={() => {
                      setChosen(mode);
                      onChange({ boxes: convertRows(boxes, mode) });
                    }}
                  />
                  {mode ? labels.layoutEdit : labels.layoutNew}
                </label>
              ))}
            </div>
          ) : null}
          {open ? null : (
            <button
              type="button"
              className="flux-button"
              data-variant="secondary"
              disabled={disabled}
              onClick={() => {
                setOpen(true);
                // the button goes as the editor comes: focus stays in the section, not on the page
                heading.current?.focus();
              }}
            >
              {labels.drawLayout}
            </button>
          )}
        </div>
        {open ? (
          <Layout.Part
            fallback={null}
            mode={edit ? "edit" : "layout"}
            value={boxes}
            onChange={(rows: BoxRow[]) => onChange({ boxes: rows })}
            aspectRatio={frameRatio}
            image={edit ? first?.src : undefined}
            references={value.images.length}
            frame={frame}
            caption={value.prompt}
            onCite={(boxId: string) => cite(`<${boxId}>`)}
            disabled={disabled}
          />
        ) : null}
        {general.length > 0 ? (
          <ul className="flux-field-error flux-list" data-field-error="layout">
            {general.map((issue) => (
              <li key={`${issue.code}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        ) : null}
        {attempted && problems > 0 ? (
          <p className="flux-field-error" data-field-error="layout" role="alert">
            {labels.layoutHasErrors(problems)}
          </p>
        ) : null}
      </section>
    </>
  );
}
