import { isLayoutRow, type BoxRow } from "./BoxRow";
import type { RowsIssue } from "./BoxIssue";
import { looksLikeRow, readRow } from "./readRow";
import { rowLabel } from "./rowLabel";

/** What a prompt's rows are: a new image's layout, a box edit, none, or (an error) both kinds at once. */
export type BoxPromptKind = "layout" | "edit" | "none" | "mixed";

/** A prompt read back into its caption and rows. */
export interface ParsedBoxPrompt {
  /** The text before the rows (without the one space), or the whole prompt when no rows were read. */
  readonly caption: string;
  /** The rows, fields in BFL's order; empty when the prompt has none or they could not be read. */
  readonly rows: readonly BoxRow[];
  readonly kind: BoxPromptKind;
  /** Why rows that seem meant as rows were not read (errors; `validateBoxes` reports them too). */
  readonly issues: readonly RowsIssue[];
}

/** The kind of a list of rows. */
export function rowsKind(rows: readonly BoxRow[]): BoxPromptKind {
  const layout = rows.filter(isLayoutRow).length;
  if (rows.length === 0) return "none";
  return layout === rows.length ? "layout" : layout === 0 ? "edit" : "mixed";
}

/** The longest suffix of `text` that is a JSON array, with where it starts. */
function trailingArray(text: string): { start: number; value: unknown[] } | undefined {
  if (!text.endsWith("]")) return undefined;
  for (let start = text.indexOf("["); start !== -1; start = text.indexOf("[", start + 1)) {
    try {
      const value: unknown = JSON.parse(text.slice(start));
      if (Array.isArray(value)) return { start, value };
    } catch {
      // not JSON from here: try the next bracket
    }
  }
  return undefined;
}

/** Where a trailing `[{ … "id": … ]` that is not JSON starts, if the text has one. */
function brokenRowsStart(text: string, before: number): number | undefined {
  if (!text.endsWith("]")) return undefined;
  const match = /\[\s*\{[\s\S]*"(?:id|bbox|tgt_bbox)"\s*:/.exec(
    text.slice(0, before === -1 ? undefined : before),
  );
  return match?.index;
}

const none = (caption: string, issues: readonly RowsIssue[] = []): ParsedBoxPrompt => ({
  caption,
  rows: [],
  kind: "none",
  issues,
});

const malformed = (message: string, extra: { index?: number; detail?: string } = {}): RowsIssue => ({
  code: "malformed_rows",
  severity: "error",
  message,
  ...extra,
});

/**
 * Reads a FLUX 3 prompt back into its caption and box rows, so a saved prompt can be edited again. The rows are
 * the trailing JSON array after one space (docs/bfl-api.md Part II §2.8), taken only when it parses into rows: the
 * caption may hold `[`, `]` and JSON of its own. A trailing array that looks like rows but is broken (not JSON, a
 * missing field, a box of three numbers, not after one space, text after it) is never thrown: the whole prompt
 * stays the caption, no rows are read, and `issues` says what is wrong.
 * @example
 * const { caption, rows, kind } = parseBoxPrompt(savedPrompt);
 * // edit rows, then: composeBoxPrompt(caption, rows)
 */
export function parseBoxPrompt(prompt: string): ParsedBoxPrompt {
  const body = prompt.trimEnd();
  const found = trailingArray(body);
  if (!found || !found.value.some(looksLikeRow)) {
    const broken = brokenRowsStart(body, found ? found.start : -1);
    if (broken === undefined) return none(prompt);
    let detail = "";
    try {
      JSON.parse(body.slice(broken));
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    return none(prompt, [
      malformed(
        "The box rows at the end of the prompt are not valid JSON: check the quotes, commas and brackets.",
        {
          ...(detail ? { detail } : {}),
        },
      ),
    ]);
  }
  const rows: BoxRow[] = [];
  for (const [index, value] of found.value.entries()) {
    const read = readRow(value);
    if ("problem" in read) {
      const id = looksLikeRow(value) ? (value as { id?: unknown }).id : undefined;
      const label = typeof id === "string" ? rowLabel(index, id) : `Row ${index + 1}`;
      return none(prompt, [malformed(`${label} ${read.problem}; no box rows were read.`, { index })]);
    }
    rows.push(read.row);
  }
  if (body !== prompt) {
    return none(prompt, [misplaced("Nothing may follow the box rows, not even a space or a line break.")]);
  }
  if (found.start === 0 || body[found.start - 1] !== " ") {
    return none(prompt, [misplaced("The box rows must follow the caption after one space.")]);
  }
  return { caption: body.slice(0, found.start - 1), rows, kind: rowsKind(rows), issues: [] };
}

const misplaced = (message: string): RowsIssue => ({ code: "misplaced_rows", severity: "error", message });
