import type { BoxRow } from "./BoxRow";
import { serializeRows } from "./serializeRows";
import { parseBoxPrompt } from "./parseBoxPrompt";

/** Why `composeBoxPrompt` refused: the prompt would not read back as the caption and rows it was given. */
export type BoxPromptErrorCode = "ambiguous_caption" | "unwritable_rows";

/**
 * Thrown by `composeBoxPrompt` when its result would be read differently: the caption ends with what reads as box
 * rows and no rows are given (`ambiguous_caption`), or a row cannot be written as JSON rows (`unwritable_rows`,
 * e.g. a `NaN` coordinate, which JSON writes as `null`).
 * @example
 * try { prompt = composeBoxPrompt(caption, rows) }
 * catch (e) { if (e instanceof BoxPromptError && e.code === "ambiguous_caption") showHint(e.message) }
 */
export class BoxPromptError extends Error {
  override readonly name: string = "BoxPromptError";
  readonly code: BoxPromptErrorCode;

  constructor(code: BoxPromptErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Joins a caption (or edit instruction) and its box rows into FLUX 3's prompt: `caption + " " + JSON` with each
 * row's fields in BFL's order (docs/bfl-api.md Part II §2.8); with no rows, the caption alone. The result always
 * reads back with `parseBoxPrompt` as this caption and these rows, else this throws. It does not judge the rows:
 * run `validateBoxes` for that.
 * @throws BoxPromptError when the prompt would read back differently (see its codes)
 * @example
 * composeBoxPrompt("A runner <silhouette_1> against a dusky sky <background_1>.", [
 *   layoutRow("background_1", [0, 0, 1000, 1000], "A dusky orange sky."),
 *   layoutRow("silhouette_1", [150, 150, 850, 850], "The black silhouette of a runner."),
 * ]);
 * // 'A runner <silhouette_1> against a dusky sky <background_1>. [{"id":"background_1","bbox":[0,0,1000,1000],…}]'
 */
export function composeBoxPrompt(caption: string, rows: readonly BoxRow[]): string {
  const json = serializeRows(rows);
  const prompt = json === "" ? caption : `${caption} ${json}`;
  const read = parseBoxPrompt(prompt);
  if (rows.length === 0 && read.rows.length > 0) {
    throw new BoxPromptError(
      "ambiguous_caption",
      "The caption ends with a JSON array that reads as box rows; pass them as rows, or end the caption with other text.",
    );
  }
  if (read.caption !== caption || serializeRows(read.rows) !== json) {
    const why = read.issues[0]?.message ?? "they would read back differently";
    throw new BoxPromptError("unwritable_rows", `These rows cannot be written into the prompt: ${why}`);
  }
  return prompt;
}
