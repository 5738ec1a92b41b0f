import { isLayoutRow, type BoxPrompt, type BoxRow } from "./BoxRow";
import type { BoxError, BoxWarning } from "./BoxIssue";
import { checkRows, smallBoxes } from "./checkRows";
import { parseBoxPrompt, rowsKind, type BoxPromptKind, type ParsedBoxPrompt } from "./parseBoxPrompt";
import { refImageIndex } from "./refImage";
import { ID_PATTERN, isReferenceName, scanCaption } from "./scanCaption";
import { checkFrame, type PixelFrame } from "./toGridBox";

/**
 * The smallest side, in output pixels, of a box where something is drawn before `validateBoxes` warns. BFL's page
 * says a new element in a box of about 40 × 25 px often did not appear (docs/bfl-api.md Part II §2.8): 48 px
 * flags every box no larger than that one in either direction, with a margin for the "about".
 */
export const DEFAULT_MIN_SIDE_PX = 48;

/** Options of {@link validateBoxes}. */
export interface ValidateBoxesOptions {
  /**
   * The request's `images` (a list, or a single string: one picture) or their number. Rows name them
   * `ref_image_0` … and prose `image 1` …; edit rows need at least one.
   * @default 0 (no pictures: a new image from text)
   */
  readonly images?: number | string | readonly unknown[];
  /**
   * The output frame in pixels (e.g. `{ width: 2736, height: 1536 }` for 16:9 at `2k`), to warn about boxes too
   * small to render. Without it, sizes are not checked.
   */
  readonly frame?: PixelFrame;
  /**
   * The smallest side, in pixels of `frame`, of a box where something is drawn.
   * @default DEFAULT_MIN_SIDE_PX (48)
   */
  readonly minSidePx?: number;
}

/** What {@link validateBoxes} found. */
export interface BoxValidation {
  /** No errors (warnings allowed). */
  readonly valid: boolean;
  readonly kind: BoxPromptKind;
  readonly caption: string;
  readonly rows: readonly BoxRow[];
  /** Problems that make the prompt wrong, in order: rows, caption, references. */
  readonly errors: readonly BoxError[];
  /** Likely problems: boxes too small to render, references counted from 1. */
  readonly warnings: readonly BoxWarning[];
}

function countImages(images: ValidateBoxesOptions["images"]): number {
  if (images === undefined) return 0;
  if (typeof images === "string") return 1;
  if (typeof images === "number") {
    if (!Number.isInteger(images) || images < 0) {
      throw new RangeError(`validateBoxes: images must be a list or a count of pictures; got ${images}.`);
    }
    return images;
  }
  return images.length;
}

const pictures = (n: number) =>
  n === 0 ? "no pictures are given" : `only ${n} picture${n === 1 ? " is" : "s are"} given`;

/**
 * Checks a FLUX 3 prompt's bounding boxes (docs/bfl-api.md Part II §2.7–§2.8) before it is sent: the rows' form
 * and boxes, ids and citations, the edit kinds, and the references against the pictures given. Never throws on a
 * bad prompt; every problem is an issue with a `code` to switch on and a `message` to show.
 * @param input the prompt as sent, or its caption and rows
 * @throws RangeError when an option is invalid (a negative `images` count, a frame or `minSidePx` not positive)
 * @example
 * const { valid, errors, warnings } = validateBoxes(prompt, { images: body.images, frame: { width: 1184, height: 880 } });
 * if (!valid) showErrors(errors.map((issue) => issue.message));
 */
export function validateBoxes(input: string | BoxPrompt, options: ValidateBoxesOptions = {}): BoxValidation {
  const images = countImages(options.images);
  const minSidePx = options.minSidePx ?? DEFAULT_MIN_SIDE_PX;
  if (!(Number.isFinite(minSidePx) && minSidePx > 0)) {
    throw new RangeError(`validateBoxes: minSidePx must be a positive number of pixels; got ${minSidePx}.`);
  }
  if (options.frame) checkFrame(options.frame, "validateBoxes");
  const parsed: ParsedBoxPrompt =
    typeof input === "string"
      ? parseBoxPrompt(input)
      : { caption: input.caption, rows: input.rows, kind: rowsKind(input.rows), issues: [] };
  const { caption, rows, kind } = parsed;
  const errors: BoxError[] = [...parsed.issues, ...checkRows(rows)];
  const warnings: BoxWarning[] = [];
  const scan = scanCaption(caption);

  for (const id of scan.cited) {
    if (ID_PATTERN.test(id)) continue;
    errors.push({
      code: "invalid_id",
      severity: "error",
      message: `The caption cites <${id}>; ids are a short lowercase name and a number, such as <mug_1>.`,
      id,
    });
  }
  if (parsed.issues.length === 0) {
    const rowIds = new Set(rows.map((row) => row.id));
    for (const id of scan.cited) {
      if (rowIds.has(id) || !ID_PATTERN.test(id)) continue;
      errors.push({
        code: "missing_row",
        severity: "error",
        message: `The caption cites <${id}>, but no row has that id.`,
        id,
      });
    }
    const cited = new Set(scan.cited);
    for (const [index, row] of rows.entries()) {
      // a reference's name is an invalid id already, and its <token> cites the picture, not the row
      if (cited.has(row.id) || isReferenceName(row.id)) continue;
      if (rows.findIndex((other) => other.id === row.id) !== index) continue;
      const message = `Row ${index + 1} ("${row.id}") is never cited: name it in the caption as <${row.id}>.`;
      errors.push({ code: "uncited_row", severity: "error", message, index, id: row.id });
    }
  }

  const editing = rows.some((row) => !isLayoutRow(row));
  const noPictures = editing && images === 0;
  if (noPictures) {
    errors.push({
      code: "edit_without_images",
      severity: "error",
      message: "Edit rows need the pictures they edit: pass the request's images (image 1 is ref_image_0).",
    });
  }
  const references = [
    ...rows.flatMap((row, index) =>
      !isLayoutRow(row) && row.from !== null
        ? [{ reference: row.from, index: refImageIndex(row.from), row: { index, id: row.id } }]
        : [],
    ),
    ...scan.references.map((token) => ({ ...token, row: undefined })),
  ];
  let oneBased: string | undefined;
  for (const { reference, index, row } of references) {
    if (index < images || noPictures) continue;
    if (index === images && images > 0) oneBased ??= reference;
    const where = row
      ? `Row ${row.index + 1} ("${row.id}") takes from ${reference}`
      : `The caption names <${reference}>`;
    errors.push({
      code: "reference_out_of_range",
      severity: "error",
      message: `${where}, picture ${index + 1}, but ${pictures(images)}.`,
      reference,
      images,
      ...row,
    });
  }
  if (oneBased !== undefined) {
    warnings.push({
      code: "likely_one_based",
      severity: "warning",
      message: `${oneBased} looks counted from 1: rows count pictures from 0, so image 1 is ref_image_0 and image ${images} is ref_image_${images - 1} (refImage(n) converts).`,
      reference: oneBased,
      images,
    });
  }
  for (const number of scan.imageNumbers) {
    if (number >= 1 && (number <= images || noPictures)) continue;
    errors.push({
      code: "image_number_out_of_range",
      severity: "error",
      message:
        number === 0
          ? "The caption names image 0, but prose counts pictures from 1 (image 1 is the first; rows call it ref_image_0)."
          : `The caption names image ${number}, but ${pictures(images)}.`,
      number,
      images,
    });
  }
  if (options.frame) warnings.push(...smallBoxes(rows, options.frame, minSidePx));
  return { valid: errors.length === 0, kind, caption, rows, errors, warnings };
}
