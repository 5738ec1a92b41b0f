import {
  MAX_REFERENCES,
  imageNumber,
  isLayoutRow,
  isRefImage,
  refImage,
  type BoxRow,
  type EditRow,
} from "@flux-kit/core/boxes";

// How a FLUX 3 prompt names its references (docs/bfl-api.md Part II §2.7): "image 1" … "image 10" in prose,
// 1-based in the order of `images`; `<ref_image_0>` … `<ref_image_9>` in tokens and `from` fields, 0-based. Every
// function here takes the 1-based number prose uses. Pure: no React, no DOM.

/**
 * A prose mention ("image 3", any case, whole words) or a token (`<ref_image_2>`). A number with a leading zero
 * ("image 02") is neither, so renumbering always writes back what it read.
 */
const MENTION = /\b(image\s+)(0|[1-9]\d*)\b|(<ref_image_)(0|[1-9]\d*)>/gi;

/** Rewrites each mention's number through `renumber` (1-based in, 1-based out); everything else is kept as is. */
function mapMentions(prompt: string, renumber: (n: number) => number): string {
  return prompt.replace(
    MENTION,
    (_match, word: string | undefined, n: string | undefined, token: string | undefined, i: string) =>
      word !== undefined ? `${word}${renumber(Number(n))}` : `${token}${renumber(Number(i) + 1) - 1}>`,
  );
}

/**
 * The image numbers a prompt names, 1-based, without repeats, in ascending order: prose ("image 3", any case,
 * whole words: "image 10" is not "image 1") and tokens (`<ref_image_2>` names image 3). Numbers past the last
 * picture (or past ten) are returned too, so a caller can flag them.
 * @example mentionsOf("Put the hat from Image 2 on <ref_image_0>, not image 12") // [1, 2, 12]
 */
export function mentionsOf(prompt: string): number[] {
  const found = new Set<number>();
  for (const [, , n, , i] of prompt.matchAll(MENTION)) found.add(n !== undefined ? Number(n) : Number(i) + 1);
  return [...found].sort((a, b) => a - b);
}

/**
 * Where to write into a prompt field: its selection, except a caret at the very start of a prompt that has text,
 * which reads as never placed (a browser leaves it there until the field is first clicked): then the end.
 * @example insertionPoint({ selectionStart: 0, selectionEnd: 0 }, "A poster.") // { start: 9, end: 9 }
 */
export function insertionPoint(
  field: { readonly selectionStart: number; readonly selectionEnd: number } | null | undefined,
  prompt: string,
): { start: number; end: number } {
  if (!field || (field.selectionStart === 0 && field.selectionEnd === 0 && prompt !== ""))
    return { start: prompt.length, end: prompt.length };
  return { start: field.selectionStart, end: field.selectionEnd };
}

/** Characters a mention may follow with no space between: whitespace and opening brackets or quotes. */
const OPENS = /[\s([{<"'“‘«]/;
/** Characters a mention may precede with no space between: whitespace, punctuation and closing brackets. */
const CLOSES = /[\s.,;:!?)\]}>"'”’»]/;

/**
 * Writes "image `n`" into `prompt` at a text field's selection (replacing what is selected), with a space before
 * or after only where a word would otherwise run into it. `cursor` is the position just after the mention.
 * @example insertMention("the hat from on the dog", 13, 13, 2) // { prompt: "the hat from image 2 on the dog", cursor: 20 }
 */
export function insertMention(
  prompt: string,
  selectionStart: number,
  selectionEnd: number,
  n: number,
): { prompt: string; cursor: number } {
  const clamp = (i: number) => Math.min(Math.max(0, i), prompt.length);
  const start = clamp(Math.min(selectionStart, selectionEnd));
  const end = clamp(Math.max(selectionStart, selectionEnd));
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const lead = before === "" || OPENS.test(before.slice(-1)) ? "" : " ";
  const trail = after === "" || CLOSES.test(after.charAt(0)) ? "" : " ";
  const mention = `${lead}image ${n}`;
  return { prompt: `${before}${mention}${trail}${after}`, cursor: before.length + mention.length };
}

/** Where image `k` goes when image `from` moves to `to` (all 1-based): the images between shift by one. */
function moved(k: number, from: number, to: number): number {
  if (k === from) return to;
  if (from < to && k > from && k <= to) return k - 1;
  if (from > to && k >= to && k < from) return k + 1;
  return k;
}

/** Where image `k` goes when image `removed` is taken out: later ones (up to ten) move up by one. */
const afterRemove = (k: number, removed: number) => (k > removed && k <= MAX_REFERENCES ? k - 1 : k);

/**
 * The prompt after image `removed` (1-based) is taken out of `images`: "image k" for a later k becomes
 * "image k-1", `<ref_image_k>` becomes `<ref_image_{k-1}>`. Mentions of `removed` itself are left as they are: ask
 * first (`mentionsOf(prompt).includes(removed)`). Numbers past ten are left too, still flagged.
 * @example renumberAfterRemove("image 1 wears the hat from image 3", 2) // "image 1 wears the hat from image 2"
 */
export function renumberAfterRemove(prompt: string, removed: number): string {
  return mapMentions(prompt, (k) => afterRemove(k, removed));
}

/**
 * The prompt after image `from` moves to position `to` of `images` (both 1-based): its mentions follow it, and
 * the mentions of the images between shift by one, in prose and tokens alike. Moving back undoes it.
 * @example renumberAfterMove("image 1 in the style of image 3", 3, 1) // "image 2 in the style of image 1"
 */
export function renumberAfterMove(prompt: string, from: number, to: number): string {
  return mapMentions(prompt, (k) => moved(k, from, to));
}

/** Rewrites the `from` of edit rows through `renumber` (1-based); layout rows and `from: null` pass unchanged. */
function mapRows(rows: readonly BoxRow[], renumber: (n: number) => number): BoxRow[] {
  return rows.map((row) => {
    if (isLayoutRow(row) || !isRefImage(row.from)) return row;
    const k = renumber(imageNumber(row.from));
    return k === imageNumber(row.from) ? row : { ...row, from: refImage(k) };
  });
}

/**
 * Box rows after image `removed` (1-based) is taken out: `from: "ref_image_k"` of a later picture becomes
 * `"ref_image_{k-1}"`. Rows taken from the removed picture itself come back unchanged, and are listed in `named`
 * so the caller can ask before removing (or drop them). Layout rows pass unchanged.
 * @example
 * const { rows: next, named } = renumberRowsAfterRemove(rows, 2);
 * if (named.length > 0) askFirst(named.map((row) => row.id));
 */
export function renumberRowsAfterRemove(
  rows: readonly BoxRow[],
  removed: number,
): { rows: BoxRow[]; named: EditRow[] } {
  const named = rows.filter(
    (row): row is EditRow => !isLayoutRow(row) && isRefImage(row.from) && imageNumber(row.from) === removed,
  );
  return { rows: mapRows(rows, (k) => afterRemove(k, removed)), named };
}

/**
 * Box rows after image `from` moves to position `to` (both 1-based): each `from` field follows its picture.
 * @example renumberRowsAfterMove([takeRow({ from: refImage(2), … })], 2, 1) // the row's from is now "ref_image_0"
 */
export function renumberRowsAfterMove(rows: readonly BoxRow[], from: number, to: number): BoxRow[] {
  return mapRows(rows, (k) => moved(k, from, to));
}

/**
 * A change `ReferenceChips` reports with its new `images`. `index`, `from` and `to` are 0-based positions in
 * `images` (as `splice` counts); the renumber functions take 1-based image numbers, so add one, or pass the change
 * to {@link renumberRowsAfterChange}.
 */
export type ReferenceChange =
  | { readonly kind: "add" }
  | { readonly kind: "remove"; readonly index: number }
  | { readonly kind: "move"; readonly from: number; readonly to: number };

/**
 * Box rows after a change `ReferenceChips` reported: `onChange={(images, change) => …}` in a parent that keeps
 * rows. `named` lists the rows taken from a removed picture (unchanged in `rows`).
 * @example const { rows: next } = renumberRowsAfterChange(rows, change);
 */
export function renumberRowsAfterChange(
  rows: readonly BoxRow[],
  change: ReferenceChange,
): { rows: BoxRow[]; named: EditRow[] } {
  if (change.kind === "remove") return renumberRowsAfterRemove(rows, change.index + 1);
  if (change.kind === "move")
    return { rows: renumberRowsAfterMove(rows, change.from + 1, change.to + 1), named: [] };
  return { rows: [...rows], named: [] };
}
