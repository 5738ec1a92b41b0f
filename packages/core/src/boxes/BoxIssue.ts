// What `parseBoxPrompt` and `validateBoxes` report: one discriminated union on `code`, each member with a
// `severity` and a sentence a UI can show as is (`message`), plus the fields a UI needs to point at the problem.

/** The box fields of a row. */
export type BoxField = "bbox" | "src_bbox" | "tgt_bbox";

interface Issue<Code extends string, Severity extends "error" | "warning"> {
  readonly code: Code;
  readonly severity: Severity;
  /** One sentence for people, e.g. `Row 2 ("mug_1"): bottom (300) must be greater than top (400).` */
  readonly message: string;
}

/** Where a row-level problem is: the row's position in `rows` (0-based) and its id as written. */
interface AtRow {
  readonly index: number;
  readonly id: string;
}

/** The trailing array looks like box rows but is not valid JSON or not valid rows. Nothing was read from it. */
export interface MalformedRowsIssue extends Issue<"malformed_rows", "error"> {
  /** The row at fault, when one is (0-based). */
  readonly index?: number;
  /** The JSON parser's own message, when the array is not JSON (wording differs between engines). */
  readonly detail?: string;
}

/** Box rows that do not end the prompt, or do not follow the caption after one space. */
export type MisplacedRowsIssue = Issue<"misplaced_rows", "error">;

/** A coordinate is not an integer, lies outside 0–1000, or the box is empty or inverted. */
export interface BoxValueIssue
  extends Issue<"not_integer" | "outside_grid" | "inverted_box", "error">, AtRow {
  readonly field: BoxField;
  readonly box: readonly number[];
}

/** Two rows share an id; reported on the later one. */
export interface DuplicateIdIssue extends Issue<"duplicate_id", "error">, AtRow {
  /** The first row with that id. */
  readonly firstIndex: number;
}

/** A row whose `<id>` the caption never cites. */
export type UncitedRowIssue = Issue<"uncited_row", "error"> & AtRow;

/** The caption cites `<id>` but no row has that id. */
export interface MissingRowIssue extends Issue<"missing_row", "error"> {
  readonly id: string;
}

/** An id outside `[a-z][a-z0-9_]*`, or a row named like a reference (`ref_image_N`). */
export interface InvalidIdIssue extends Issue<"invalid_id", "error"> {
  readonly id: string;
  /** The row with that id; absent when the id is a `<token>` of the caption. */
  readonly index?: number;
}

/** Layout rows and edit rows in one prompt; reported on the first row of the other kind. */
export type MixedRowsIssue = Issue<"mixed_rows", "error"> & AtRow;

/** An edit row whose `from`, `src_bbox` and `tgt_bbox` match none of BFL's five kinds. */
export type InconsistentEditRowIssue = Issue<"inconsistent_edit_row", "error"> & AtRow;

/** A `ref_image_N` (in a row's `from` or a `<ref_image_N>` token) past the pictures given. */
export interface ReferenceOutOfRangeIssue extends Issue<"reference_out_of_range", "error"> {
  readonly reference: string;
  /** How many pictures were given. */
  readonly images: number;
  /** The row naming it; absent for a token of the caption. */
  readonly index?: number;
  readonly id?: string;
}

/** Edit rows, but no pictures to edit (`options.images` absent or empty). */
export type EditWithoutImagesIssue = Issue<"edit_without_images", "error">;

/** Prose names `image 0` (prose counts from 1) or `image N` past the pictures given. */
export interface ImageNumberIssue extends Issue<"image_number_out_of_range", "error"> {
  /** The number as written. */
  readonly number: number;
  readonly images: number;
}

/** A box where something is drawn, with a side under `minSidePx` on the output frame. */
export interface BoxTooSmallIssue extends Issue<"box_too_small", "warning">, AtRow {
  readonly field: BoxField;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly minSidePx: number;
}

/** A `ref_image_N` with N equal to the number of pictures: most likely counted from 1. */
export interface LikelyOneBasedIssue extends Issue<"likely_one_based", "warning"> {
  readonly reference: string;
  readonly images: number;
}

/** What `parseBoxPrompt` can report about the trailing rows. */
export type RowsIssue = MalformedRowsIssue | MisplacedRowsIssue;

/** A problem that makes a prompt wrong. */
export type BoxError =
  | RowsIssue
  | BoxValueIssue
  | DuplicateIdIssue
  | UncitedRowIssue
  | MissingRowIssue
  | InvalidIdIssue
  | MixedRowsIssue
  | InconsistentEditRowIssue
  | ReferenceOutOfRangeIssue
  | EditWithoutImagesIssue
  | ImageNumberIssue;

/** A likely problem: the prompt is well formed, but may not do what was meant. */
export type BoxWarning = BoxTooSmallIssue | LikelyOneBasedIssue;

/** Any issue; switch on `code`. */
export type BoxIssue = BoxError | BoxWarning;

/** Every code, for exhaustive handling. */
export type BoxIssueCode = BoxIssue["code"];
