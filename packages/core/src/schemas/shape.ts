/**
 * The few structural checks the client needs for BFL's JSON answers, written without zod so `createFluxClient`
 * carries no schema library. The models' schemas have their own primitives (`models/schema`), which also report
 * pydantic's issue types, inputs and constraints and make a Standard Schema: an answer's one-line error needs
 * none of that, and reading the answers with them was measured at +0.45 kB brotli on the client alone. Each
 * check stands for the zod/mini primitive named beside it and words its issues as `toInputIssue` words zod's
 * (pydantic v2); `shape.test.ts` holds every check against that zod primitive with fast-check.
 */
import { isJsonObject } from "../bfl/json";

/** Where a value sits in the answer: `[]` for the answer itself, `["result", "sample"]`. */
export type ShapePath = readonly (string | number)[];

/** One problem with an answer, in pydantic's wording. */
export interface ShapeIssue {
  readonly path: ShapePath;
  readonly msg: string;
  /** A value of the right type that fails a check (too short): zod still runs an object's refinements then. */
  readonly continue?: true;
}

/** Checks `value` at `path`, pushing what is wrong onto `issues`; returns the value as read. */
export type Shape<T> = (value: unknown, path: ShapePath, issues: ShapeIssue[]) => T;

// The factories below are marked free of side effects so bundlers drop the checks an app never reads.

/** A check that adds nothing when the value is of the type (zod's `invalid_type` otherwise). */
/* @__NO_SIDE_EFFECTS__ */
const typed =
  <T>(is: (value: unknown) => boolean, msg: string): Shape<T> =>
  (value, path, issues) => {
    if (!is(value)) issues.push({ path, msg: value === undefined && path.length ? "Field required" : msg });
    return value as T;
  };

/** `z.string()` */
export const string: Shape<string> = typed((v) => typeof v === "string", "Input should be a valid string");

/** `z.number()`: finite numbers only, as zod 4 */
export const number: Shape<number> = typed(Number.isFinite, "Input should be a valid number");

/** `nonEmptyString()` of the model fields: a string of at least one character */
export const nonEmpty: Shape<string> = (value, path, issues) => {
  const before = issues.length;
  string(value, path, issues);
  if (issues.length === before && value === "")
    issues.push({ path, msg: "String should have at least 1 character", continue: true });
  return value as string;
};

/** `z.optional(z.unknown())`: anything, or nothing */
export const unknown: Shape<unknown> = (value) => value;

/** `z.optional(z.nullable(shape))` */
/* @__NO_SIDE_EFFECTS__ */
export const nullish =
  <T>(shape: Shape<T>): Shape<T | null | undefined> =>
  (value, path, issues) =>
    value === undefined || value === null ? value : shape(value, path, issues);

/**
 * `z.looseObject(fields)`: a plain object whose listed fields pass their checks; other keys are kept. The
 * answer's own type is declared by the caller (`looseObject<ResultSample>(…)`) and held to these checks by
 * `shape.test.ts`.
 */
/* @__NO_SIDE_EFFECTS__ */
export const looseObject =
  <T>(fields: Readonly<Record<string, Shape<unknown>>>): Shape<T> =>
  (value, path, issues) => {
    if (!isJsonObject(value)) {
      issues.push({
        path,
        msg:
          value === undefined && path.length
            ? "Field required"
            : path.length
              ? "Input should be a valid dictionary"
              : "Input should be a valid dictionary or object to extract fields from",
      });
      return value as T;
    }
    for (const [key, check] of Object.entries(fields)) check(value[key], [...path, key], issues);
    return { ...value } as T;
  };

/** Outcome of reading an answer: its normalised form, or a one-line account of what is wrong. */
export type ParseResult<T> = { success: true; data: T } | { success: false; error: string };

/** Up to three issues as `path: message`, joined by `; `, with how many more there were. */
export function summarizeShapeIssues(issues: readonly ShapeIssue[]): string {
  const parts = issues.slice(0, 3).map(({ path, msg }) => (path.length ? `${path.join(".")}: ${msg}` : msg));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return parts.join("; ") + more;
}

/**
 * Checks `json` with `shape`, then `refine` (which may add issues once every value has its type), and maps the value with
 * `map` when nothing is wrong.
 */
export function parseShape<S, T>(
  shape: Shape<S>,
  json: unknown,
  map: (value: S) => T,
  refine?: (value: S, issues: ShapeIssue[]) => void,
): ParseResult<T> {
  const issues: ShapeIssue[] = [];
  const value = shape(json, [], issues);
  // as zod: the refinement runs unless a value was of the wrong type
  if (issues.every((issue) => issue.continue)) refine?.(value, issues);
  return issues.length === 0
    ? { success: true, data: map(value) }
    : { success: false, error: summarizeShapeIssues(issues) };
}
