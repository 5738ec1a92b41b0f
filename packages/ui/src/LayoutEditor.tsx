/** @jsxImportSource . */
"use client";
import {
  forwardRef,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import {
  GRID_MAX,
  MAX_REFERENCES,
  changeRow,
  isLayoutRow,
  layoutRow,
  validateBoxes,
  type BoxIssue,
  type BoxRow,
  type BoxValidation,
  type GridBox,
} from "@flux-kit/core/boxes";
import { cx } from "./cx";
import { layoutEditorLabels, type LayoutEditorLabels } from "./layoutEditorLabels";
import {
  actionOf,
  addedBox,
  boxRegion,
  drawnBox,
  drawnBoxes,
  gridPoint,
  moveBox,
  nextId,
  placeBox,
  resizeBox,
  sameBox,
  withAction,
  WHOLE,
  type BoxAction,
  type GridPoint,
  type Handle,
} from "./layoutGeometry";
import { useControllableState } from "./useControllableState";
import { visuallyHidden } from "./visuallyHidden";
import { capturePointer } from "./capturePointer";

export type { LayoutEditorLabels } from "./layoutEditorLabels";

/** Props of {@link LayoutEditor}. Every other `<div>` prop (`className`, `style`, `ref`, `aria-*`) passes through. */
export interface LayoutEditorProps extends Omit<HTMLAttributes<HTMLDivElement>, "onChange" | "defaultValue"> {
  /**
   * `"layout"`: a new image's layout (`{ id, bbox, desc }` rows). `"edit"`: rows over a source picture
   * (`{ id, from, src_bbox, tgt_bbox, desc }`), each with an action.
   * @default "layout"
   */
  readonly mode?: "layout" | "edit" | undefined;
  /** The rows, for controlled use (with `onChange`): core's row types, as the prompt writes them. */
  readonly value?: readonly BoxRow[] | undefined;
  /** The first rows, for uncontrolled use. @default [] */
  readonly defaultValue?: readonly BoxRow[] | undefined;
  /** Called with every change of the rows (once a drag ends, not on each pointer move). */
  readonly onChange?: ((rows: BoxRow[]) => void) | undefined;
  /**
   * The frame's ratio as `"W:H"` (FLUX 3's `aspect_ratio`): the grid stretches with it. `"auto"` takes the
   * picture's own ratio in edit mode, else 1:1.
   * @default "1:1"
   * @example <LayoutEditor aspectRatio="16:9" />
   */
  readonly aspectRatio?: string | undefined;
  /** Edit mode: the edited picture (image 1, `ref_image_0`), drawn under the frame. */
  readonly image?: string | undefined;
  /**
   * How many pictures the request has (1: only the edited one); "take from image N" offers N = 2 … this, and a
   * caption naming a picture past it is an error. @default 1 in edit mode, 0 for a layout
   */
  readonly references?: number | undefined;
  /**
   * The output's size in pixels, to warn about boxes too small to render (`validateBoxes`' `frame`). Without it,
   * sizes are not checked.
   * @example <LayoutEditor frame={{ width: 1184, height: 880 }} />
   */
  readonly frame?: { readonly width: number; readonly height: number } | undefined;
  /** The prompt's caption: each box says whether and where it cites the box's `<id>`. Without it, nothing is said. */
  readonly caption?: string | undefined;
  /** Offered on an uncited box, as "Cite <id> in the prompt". */
  readonly onCite?: ((id: string) => void) | undefined;
  /**
   * Called with core's `validateBoxes` findings for the rows and caption whenever they change: a form refuses to
   * send a layout with `errors` (BFL would refuse or misread it); `warnings` are shown on the boxes.
   */
  readonly onValidate?: ((checked: BoxValidation) => void) | undefined;
  /** @default false */
  readonly disabled?: boolean | undefined;
  /** Overrides of the English {@link LayoutEditorLabels}. */
  readonly labels?: Partial<LayoutEditorLabels> | undefined;
}

/** A box's and its row's colour, by row. */
const COLORS = ["#c2410c", "#1d4ed8", "#047857", "#7e22ce", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];
const HANDLES: readonly Handle[] = ["n", "s", "e", "w", "ne", "nw", "se", "sw"];
const ARROWS: Record<string, GridPoint> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};
const EMPTY: readonly BoxRow[] = [];
const pct = (n: number) => `${(n * 100) / GRID_MAX}%`;

type Phase = "idle" | "drawing" | "moving" | "resizing";

/** A drag in progress: where it started, on which box (a new one when drawing), from which box. */
interface Drag {
  readonly phase: Exclude<Phase, "idle">;
  readonly pointer: number;
  readonly at: GridPoint;
  readonly index: number;
  readonly target: boolean;
  readonly from: GridBox;
  readonly handle: Handle;
}

/**
 * Draws FLUX 3 Image's bounding boxes on a frame of the output's ratio: drag on empty space to draw a box, drag
 * a box to move it, its edges to resize it (mouse, touch, pen), or work each box from the keyboard. Beside the
 * frame, each box's row: its id, description, edit action, size warning and whether the caption cites it. The
 * value is core's rows; every box snaps to the 0–1000 grid.
 * @example <LayoutEditor aspectRatio="16:9" caption={caption} value={rows} onChange={setRows} />
 */
export const LayoutEditor = /* @__PURE__ */ forwardRef<HTMLDivElement, LayoutEditorProps>(
  function LayoutEditor(
    {
      mode = "layout",
      value,
      defaultValue,
      onChange,
      aspectRatio = "1:1",
      image,
      references: referencesProp,
      frame,
      caption,
      onCite,
      onValidate,
      disabled = false,
      labels: overrides,
      className,
      ...rest
    },
    ref,
  ) {
    const labels = overrides ? { ...layoutEditorLabels, ...overrides } : layoutEditorLabels;
    const edit = mode === "edit";
    // an edit has at least its picture; a layout none unless told
    const references = referencesProp ?? (edit ? 1 : 0);
    const uid = useId();
    const [rows, setRows] = useControllableState<readonly BoxRow[]>(
      value,
      defaultValue ?? EMPTY,
      onChange && ((next) => onChange([...next])),
    );
    const [draft, setDraft] = useState<BoxRow[] | undefined>(undefined);
    const [phase, setPhase] = useState<Phase>("idle");
    const [selected, setSelected] = useState<number | undefined>(undefined);
    const [said, say] = useState("");
    const [natural, setNatural] = useState<string | undefined>(undefined);
    const drag = useRef<Drag | undefined>(undefined);
    const focusTo = useRef<number | undefined>(undefined);
    const shown = draft ?? rows;

    const { width, height } = frame ?? {};
    const checked = useMemo(
      () =>
        validateBoxes(
          { caption: caption ?? "", rows: shown },
          // the pictures the request has, in either mode: a layout's caption may name them too ("in the style
          // of image 1")
          { images: references, ...(width && height ? { frame: { width, height } } : {}) },
        ),
      [shown, caption, references, width, height],
    );
    const validated = useRef(onValidate);
    useEffect(() => {
      validated.current = onValidate;
    });
    useEffect(() => validated.current?.(checked), [checked]);
    const issuesOf = (index: number) =>
      [...checked.errors, ...checked.warnings].filter(
        (issue) => (issue as { index?: number }).index === index && issue.code !== "uncited_row",
      );

    // focus follows an added or deleted box once it is (or is no longer) there
    useEffect(() => {
      const index = focusTo.current;
      if (index === undefined) return;
      focusTo.current = undefined;
      (document.getElementById(`${uid}-${index}`) ?? document.getElementById(`${uid}-add`))?.focus();
    });

    const newRow = (box: GridBox, all: readonly BoxRow[]): BoxRow =>
      edit ? changeRow({ id: nextId(all), box, desc: "" }) : layoutRow(nextId(all), box, "");
    const boxOf = (index: number, target: boolean) => {
      const row = rows[index];
      return row ? (drawnBoxes(row)[target ? 1 : 0] ?? WHOLE) : WHOLE;
    };
    const tell = (before: GridBox, after: GridBox, id: string) =>
      say(
        after[2] - after[0] !== before[2] - before[0] || after[3] - after[1] !== before[3] - before[1]
          ? labels.resized(id, after[3] - after[1], after[2] - after[0])
          : labels.moved(id, after[0], after[1]),
      );
    const add = (box: GridBox) => {
      const row = newRow(box, rows);
      setRows([...rows, row]);
      say(labels.added(row.id));
      return rows.length;
    };
    const remove = (index: number) => {
      say(labels.deleted(rows[index]?.id ?? ""));
      setRows(rows.filter((_, i) => i !== index));
      focusTo.current = index;
    };
    const update = (index: number, change: (row: BoxRow) => BoxRow) =>
      setRows(rows.map((row, i) => (i === index ? change(row) : row)));

    /** The rows a drag gives at this pointer position; `undefined` when nothing changed. */
    const dragged = (event: PointerEvent<HTMLDivElement>): BoxRow[] | undefined => {
      const d = drag.current;
      if (!d || d.pointer !== event.pointerId) return undefined;
      const [y, x] = gridPoint(event.clientX, event.clientY, event.currentTarget.getBoundingClientRect());
      if (d.phase === "drawing") {
        const box = drawnBox(d.at, [y, x]);
        return box && [...rows, newRow(box, rows)];
      }
      const [dy, dx] = [y - d.at[0], x - d.at[1]];
      const box = d.phase === "moving" ? moveBox(d.from, dy, dx) : resizeBox(d.from, d.handle, dy, dx);
      return sameBox(box, d.from) ? undefined : placeBox(rows, d.index, d.target, box);
    };
    const end = (event: PointerEvent<HTMLDivElement>, commit: boolean) => {
      const d = drag.current;
      if (!d || d.pointer !== event.pointerId) return;
      const next = commit && dragged(event);
      drag.current = undefined;
      setDraft(undefined);
      setPhase("idle");
      if (!next) return;
      setRows(next);
      const row = next[d.index];
      if (!row) return;
      if (d.phase === "drawing") {
        say(labels.added(row.id));
        setSelected(d.index);
      } else tell(d.from, drawnBoxes(row)[d.target ? 1 : 0] ?? WHOLE, row.id);
    };
    const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
      if (disabled || event.button !== 0 || drag.current) return;
      event.preventDefault();
      const element = event.target as HTMLElement;
      const shape = element.closest<HTMLElement>("[data-index]");
      const index = shape ? Number(shape.dataset.index) : rows.length;
      const target = shape?.dataset.target !== undefined;
      const handle = element.dataset.handle as Handle | undefined;
      const at = gridPoint(event.clientX, event.clientY, event.currentTarget.getBoundingClientRect());
      const phase = shape ? (handle ? "resizing" : "moving") : "drawing";
      capturePointer(event.currentTarget, event.pointerId);
      shape?.focus();
      drag.current = {
        phase,
        pointer: event.pointerId,
        at,
        index,
        target,
        from: boxOf(index, target),
        handle: handle ?? "se",
      };
      setPhase(phase);
    };

    const onBoxKey = (event: KeyboardEvent<HTMLDivElement>, index: number, target: boolean) => {
      const row = rows[index];
      if (disabled || !row || drag.current) return;
      const arrow = ARROWS[event.key];
      if (arrow) {
        const step = event.altKey ? 1 : 10;
        const from = boxOf(index, target);
        const box = event.shiftKey
          ? resizeBox(from, "se", arrow[0] * step, arrow[1] * step)
          : moveBox(from, arrow[0] * step, arrow[1] * step);
        event.preventDefault();
        if (sameBox(box, from)) return;
        setRows(placeBox(rows, index, target, box));
        tell(from, box, row.id);
      } else if (event.key === "Delete" || event.key === "Backspace") {
        event.preventDefault();
        remove(index);
      } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
        // Ctrl/Cmd+Enter is the form's submit: left to it
        event.preventDefault();
        document.getElementById(`${uid}-d${index}`)?.focus();
      }
    };

    const ratio = aspectRatio === "auto" ? (edit && natural) || "1 / 1" : aspectRatio.replace(":", " / ");
    const excerpt = (id: string) => {
      const at = caption?.indexOf(`<${id}>`) ?? -1;
      if (!caption || at < 0) return undefined;
      // from the start of a word some 24 characters before
      const start = at > 24 ? caption.lastIndexOf(" ", at - 24) + 1 : 0;
      return `${start ? "…" : ""}${caption.slice(start, at + id.length + 2)}`;
    };
    const colored = (index: number) =>
      ({ "--flux-box-color": COLORS[index % COLORS.length] }) as CSSProperties;

    return (
      <div
        {...rest}
        ref={ref}
        className={cx("flux-layout-editor", className)}
        data-state={phase}
        data-mode={mode}
        data-disabled={disabled ? "" : undefined}
      >
        <div className="flux-layout-tools">
          <button
            type="button"
            id={`${uid}-add`}
            className="flux-button"
            data-variant="secondary"
            disabled={disabled}
            onClick={() => {
              focusTo.current = add(addedBox(rows.length));
            }}
          >
            {labels.addBox}
          </button>
          <p id={`${uid}-help`} className="flux-field-hint">
            {labels.boxHelp}
          </p>
        </div>
        <div
          className="flux-layout-frame"
          role="group"
          aria-label={labels.frame}
          // behaviour, not looks, so not left to styles.css: the boxes are placed in the frame, and a finger
          // drawing on it must not pan the page
          style={{ aspectRatio: ratio, position: "relative", touchAction: "none" }}
          onPointerDown={onPointerDown}
          onPointerMove={(event) => {
            if (drag.current?.pointer === event.pointerId) setDraft(dragged(event));
          }}
          onPointerUp={(event) => end(event, true)}
          onPointerCancel={(event) => end(event, false)}
        >
          {edit && image ? (
            <img
              src={image}
              alt=""
              draggable={false}
              onLoad={(event) => {
                const { naturalWidth: w, naturalHeight: h } = event.currentTarget;
                setNatural(w && h ? `${w} / ${h}` : undefined);
              }}
            />
          ) : null}
          {shown.map((row, index) => {
            const action = isLayoutRow(row) ? "layout" : actionOf(row);
            const warning = checked.warnings.some((issue) => (issue as { index?: number }).index === index);
            return drawnBoxes(row).map((box, n) => {
              const [top, left, bottom, right] = box;
              const name = n ? labels.target(row.id) : row.id;
              return (
                <div
                  key={`${index}-${n}`}
                  id={`${uid}-${index}${n ? "t" : ""}`}
                  className="flux-layout-box"
                  role="application"
                  tabIndex={disabled ? -1 : 0}
                  aria-label={labels.box(
                    name,
                    labels.region(...boxRegion(box)),
                    top,
                    left,
                    right - left,
                    bottom - top,
                  )}
                  aria-describedby={`${uid}-help`}
                  data-index={index}
                  data-target={n ? "" : undefined}
                  data-selected={selected === index ? "" : undefined}
                  data-action={action}
                  data-warning={warning ? "" : undefined}
                  style={{
                    ...colored(index),
                    position: "absolute",
                    top: pct(top),
                    left: pct(left),
                    height: pct(bottom - top),
                    width: pct(right - left),
                  }}
                  onFocus={() => setSelected(index)}
                  onKeyDown={(event) => onBoxKey(event, index, !!n)}
                >
                  <span className="flux-layout-tag" aria-hidden="true">
                    {n ? `→ ${row.id}` : row.id}
                  </span>
                  {HANDLES.map((handle) => (
                    <span
                      key={handle}
                      className="flux-layout-handle"
                      data-handle={handle}
                      aria-hidden="true"
                    />
                  ))}
                </div>
              );
            });
          })}
        </div>
        <div className="flux-layout-rows">
          {shown.map((row, index) => {
            const issues = issuesOf(index);
            const idIssue = issues.some(
              (issue) => issue.code === "invalid_id" || issue.code === "duplicate_id",
            );
            const cited = caption === undefined ? undefined : excerpt(row.id);
            const action = isLayoutRow(row) ? undefined : actionOf(row);
            const whole = !isLayoutRow(row) && row.src_bbox !== null && sameBox(row.src_bbox, WHOLE);
            return (
              <fieldset
                key={index}
                className="flux-layout-row"
                style={colored(index)}
                disabled={disabled}
                data-index={index}
                data-selected={selected === index ? "" : undefined}
                data-action={action ?? "layout"}
              >
                <legend>{labels.row(index + 1)}</legend>
                <label className="flux-subfield">
                  <span className="flux-label">{labels.id}</span>
                  <input
                    className="flux-input"
                    value={row.id}
                    spellCheck={false}
                    aria-invalid={idIssue || undefined}
                    aria-describedby={issues.length ? `${uid}-e${index}` : undefined}
                    onChange={(event) => update(index, (r) => ({ ...r, id: event.currentTarget.value }))}
                  />
                </label>
                {issues.length ? (
                  <div id={`${uid}-e${index}`}>
                    {issues.map((issue: BoxIssue, i) => (
                      <p
                        key={i}
                        className={issue.severity === "error" ? "flux-field-error" : "flux-layout-warning"}
                      >
                        {labels.issue(issue)}
                      </p>
                    ))}
                  </div>
                ) : null}
                <label className="flux-subfield">
                  <span className="flux-label">{labels.description}</span>
                  <textarea
                    id={`${uid}-d${index}`}
                    className="flux-textarea"
                    rows={2}
                    value={row.desc}
                    onChange={(event) => update(index, (r) => ({ ...r, desc: event.currentTarget.value }))}
                  />
                </label>
                {action && !isLayoutRow(row) ? (
                  <label className="flux-subfield">
                    <span className="flux-label">{labels.action}</span>
                    <select
                      className="flux-select"
                      value={action}
                      onChange={(event) =>
                        update(index, () => withAction(row, event.currentTarget.value as BoxAction))
                      }
                    >
                      {(["keep", "move", "change", "remove"] as const).map((kind) => (
                        <option key={kind} value={kind}>
                          {labels[kind]}
                        </option>
                      ))}
                      {Array.from(
                        { length: Math.max(0, Math.min(references, MAX_REFERENCES) - 1) },
                        (_, i) => (
                          <option key={i} value={i + 2}>
                            {labels.take(i + 2)}
                          </option>
                        ),
                      )}
                    </select>
                  </label>
                ) : null}
                {Number(action) ? (
                  <p className="flux-field-hint">{labels.takeSource(Number(action), whole)}</p>
                ) : null}
                {caption === undefined ? null : cited ? (
                  <p className="flux-field-hint">{labels.cited(cited)}</p>
                ) : onCite ? (
                  <button
                    type="button"
                    className="flux-button"
                    data-variant="secondary"
                    onClick={() => onCite(row.id)}
                  >
                    {labels.cite(row.id)}
                  </button>
                ) : (
                  <p className="flux-field-hint">{labels.notCited}</p>
                )}
                <button
                  type="button"
                  className="flux-button"
                  data-variant="secondary"
                  onClick={() => remove(index)}
                >
                  {labels.deleteBox(row.id)}
                </button>
              </fieldset>
            );
          })}
        </div>
        <div role="status" style={visuallyHidden}>
          {said}
        </div>
      </div>
    );
  },
);
