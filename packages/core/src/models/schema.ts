/**
 * The schema primitives every model's request body is built from, with no schema library: a check reads a value,
 * reports what is wrong as BFL's 422 does (FastAPI's `detail` items, pydantic v2 wording) and returns the value
 * as parsed, defaults applied. Each primitive stands for the zod 4 one named beside it and behaves as it does,
 * the order of issues and which issues stop an object's own checks included; `schema.test.ts` holds them to zod.
 * A model's schema is an `InputSchema`: a Standard Schema (https://standardschema.dev), so forms and validators
 * that take one (TanStack Form, react-hook-form's resolver, tRPC) take a model's input as they take zod's.
 */

import { isJsonObject } from "../bfl/json";

/**
 * One validation problem, shaped like an item of FastAPI's 422 `detail` array (pydantic v2 wording and types),
 * so the mock can return it verbatim and clients can read local and server errors the same way.
 * @example { loc: ["body", "safety_tolerance"], msg: "Input should be less than or equal to 5",
 *            type: "less_than_equal", input: 9, ctx: { le: 5 } }
 */
export interface InputIssue {
  /** Location, starting with `"body"` (e.g. `["body", "width"]`); `["body"]` for the body as a whole. */
  loc: (string | number)[];
  /** pydantic v2 message, e.g. `"Field required"`. */
  msg: string;
  /** pydantic v2 error type, e.g. `"missing"`, `"multiple_of"`, `"enum"`. */
  type: string;
  /** The offending value (absent for missing fields and oversized images). */
  input?: unknown;
  /** Constraint values, e.g. `{ le: 5 }`, `{ multiple_of: 16 }`. */
  ctx?: Record<string, unknown>;
}

/** Where a value sits: `[]` for the body itself, `["images", 2]`. */
export type Loc = readonly (string | number)[];

/** An issue while checks run; `next` when the checks after it still run (a value of the right type out of range). */
export interface Issue extends InputIssue {
  next?: true;
}

/** Reads `value` at `loc`, pushing what is wrong onto `issues`; returns the value as parsed. */
export interface Field<In, Out = In> {
  readonly run: (value: unknown, loc: Loc, issues: Issue[]) => Out;
  /** Types only: what a caller writes and what the check returns. */
  readonly "~types"?: { readonly input: In; readonly output: Out };
}

/** A check on a value of the right type: pushes issues, and may return a replacement value (zod's `overwrite`). */
export type Check<T> = (value: T, loc: Loc, issues: Issue[]) => T | void;

/** What a caller writes for a field (`z.input`). */
export type InputOf<F> = F extends Field<infer In, unknown> ? In : never;
/** What a field's check returns (`z.output`). */
export type OutputOf<F> = F extends Field<unknown, infer Out> ? Out : never;

// The factories below are marked free of side effects so bundlers drop the ones an app never reads.

/** Pushes one issue; `input` is left out when `undefined`. (Not marked free of side effects: it has one.) */
export function report(
  issues: Issue[],
  loc: Loc,
  type: string,
  msg: string,
  input: unknown,
  ctx?: Record<string, unknown>,
  next?: true,
): void {
  const issue: Issue = { loc: [...loc], msg, type };
  if (input !== undefined) issue.input = input;
  if (ctx) issue.ctx = ctx;
  if (next) issue.next = next;
  issues.push(issue);
}

/** Whether an issue since `start` stops the checks after it, as zod's aborted payload does. */
function stopped(issues: readonly Issue[], start: number): boolean {
  for (let i = start; i < issues.length; i++) if (!issues[i]!.next) return true;
  return false;
}

/**
 * `base` followed by `checks`, as zod's `.check(…)`: each runs on the parsed value unless an issue before it
 * stops them (a wrong type, a failed check that does not continue).
 */
/* @__NO_SIDE_EFFECTS__ */
export const checked = <In, Out>(base: Field<In, Out>, ...checks: Check<Out>[]): Field<In, Out> => ({
  run: (value, loc, issues) => {
    const start = issues.length;
    let out = base.run(value, loc, issues);
    for (const check of checks) if (!stopped(issues, start)) out = check(out, loc, issues) ?? out;
    return out;
  },
});

/** pydantic's message for a value that is not an integer. */
export const INT_MESSAGE = "Input should be a valid integer";

/** A value under `min` (`ge`) or over `max` (`le`), in pydantic's words; `next` when later checks still run. */
export function reportBound(
  issues: Issue[],
  loc: Loc,
  bound: { readonly ge: number } | { readonly le: number },
  input: unknown,
  next?: true,
): void {
  const [type, than, limit] =
    "ge" in bound ? ["greater_than_equal", "greater", bound.ge] : ["less_than_equal", "less", bound.le];
  report(issues, loc, type, `Input should be ${than} than or equal to ${limit}`, input, bound, next);
}

/** A value that is not a multiple of `step`, in pydantic's words; `next` when later checks still run. */
export function reportMultiple(issues: Issue[], loc: Loc, step: number, input: unknown, next?: true): void {
  report(
    issues,
    loc,
    "multiple_of",
    `Input should be a multiple of ${step}`,
    input,
    { multiple_of: step },
    next,
  );
}

/**
 * A value of one type (pydantic's `type` and `msg` for any other), as zod's `invalid_type`: `missing` for a
 * field left out.
 */
/* @__NO_SIDE_EFFECTS__ */
export const typed = <T>(type: string, msg: string, is: (value: unknown) => boolean): Field<T> => ({
  run: (value, loc, issues) => {
    if (is(value)) return value as T;
    if (value === undefined && loc.length) report(issues, loc, "missing", "Field required", undefined);
    else report(issues, loc, type, msg, value);
    return value as T;
  },
});

/** `z.string()` */
export const string = (): Field<string> =>
  typed("string_type", "Input should be a valid string", (v) => typeof v === "string");

/** `z.number()`: finite numbers only, as zod 4 */
export const number = (): Field<number> =>
  typed("float_type", "Input should be a valid number", Number.isFinite);

/** `z.boolean()` */
export const boolean = (): Field<boolean> =>
  typed("bool_type", "Input should be a valid boolean", (v) => typeof v === "boolean");

/** `z.optional(field)`: `undefined` passes. */
/* @__NO_SIDE_EFFECTS__ */
export const optional = <In, Out>(field: Field<In, Out>): Field<In | undefined, Out | undefined> => ({
  run: (value, loc, issues) => (value === undefined ? undefined : field.run(value, loc, issues)),
});

/** `z.nullable(field)`: `null` passes. */
/* @__NO_SIDE_EFFECTS__ */
export const nullable = <In, Out>(field: Field<In, Out>): Field<In | null, Out | null> => ({
  run: (value, loc, issues) => (value === null ? null : field.run(value, loc, issues)),
});

/** `z.optional(z.nullable(field))` */
/* @__NO_SIDE_EFFECTS__ */
export const nullish = <In, Out>(field: Field<In, Out>) => optional(nullable(field));

/** `z._default(field, value)`: `undefined` becomes `value`, unchecked, as zod does. */
/* @__NO_SIDE_EFFECTS__ */
export const withDefault = <In, Out>(field: Field<In, Out>, value: Out): Field<In | undefined, Out> => ({
  run: (input, loc, issues) => (input === undefined ? value : field.run(input, loc, issues)),
});

/** `z.array(item)` */
/* @__NO_SIDE_EFFECTS__ */
export const array = <In, Out>(item: Field<In, Out>): Field<In[], Out[]> => {
  const list = typed<unknown[]>("list_type", "Input should be a valid list", Array.isArray);
  return {
    run: (value, loc, issues) => {
      const start = issues.length;
      list.run(value, loc, issues);
      return issues.length > start
        ? (value as Out[])
        : (value as unknown[]).map((v, i) => item.run(v, [...loc, i], issues));
    },
  };
};

/**
 * `z.union([a, b])` where each branch takes one type (`is`): the branch the value's type selects reports its
 * issues, as pydantic does for `str | list[str]`; a value neither branch takes is zod's `invalid_union`.
 */
/* @__NO_SIDE_EFFECTS__ */
export const either = <AIn, AOut, BIn, BOut>(
  a: Field<AIn, AOut>,
  isA: (value: unknown) => boolean,
  b: Field<BIn, BOut>,
  isB: (value: unknown) => boolean,
): Field<AIn | BIn, AOut | BOut> => ({
  run: (value, loc, issues) => {
    if (isA(value)) return a.run(value, loc, issues);
    if (isB(value)) return b.run(value, loc, issues);
    report(issues, loc, "value_error", "Value error, Invalid input", value);
    return value as AOut;
  },
});

/** The fields of an object schema. */
export type FieldsShape = Readonly<Record<string, Field<unknown>>>;

type Flat<T> = { [K in keyof T]: T[K] } & {};
/** An object's keys: those whose type takes `undefined` may be left out, as in zod. */
type Keyed<T> = Flat<
  { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
    [K in keyof T as undefined extends T[K] ? K : never]?: T[K];
  }
>;
/** What a caller writes for an object of `S`. */
export type ObjectInput<S extends FieldsShape> = Keyed<{ [K in keyof S]: InputOf<S[K]> }>;
/** What an object of `S` parses to. */
export type ObjectOutput<S extends FieldsShape> = Keyed<{ [K in keyof S]: OutputOf<S[K]> }>;

/** The Standard Schema v1 interface (https://standardschema.dev), as its spec says to copy it. */
export interface StandardSchemaV1<In = unknown, Out = In> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Out; readonly issues?: undefined }
      | { readonly issues: readonly StandardIssue[] }
      | Promise<
          { readonly value: Out; readonly issues?: undefined } | { readonly issues: readonly StandardIssue[] }
        >;
    readonly types?: { readonly input: In; readonly output: Out } | undefined;
  };
}

/** One issue of a Standard Schema. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** Outcome of a local request-body check: the parsed body (defaults applied, unknown keys dropped) or issues. */
export type InputValidation<T> = { success: true; data: T } | { success: false; issues: InputIssue[] };

/** A model's request-body schema: an object schema with its fields, a Standard Schema. */
export interface InputSchema<In = unknown, Out = In> extends Field<In, Out>, StandardSchemaV1<In, Out> {
  /** Its fields by name, when it is one of flux-kit's (a `defineModel` schema from elsewhere has none). */
  readonly shape?: FieldsShape;
}

/**
 * Checks `input` with a model's schema: the parsed body, or its issues in BFL's 422 wording (`loc` from `"body"`).
 * @example parseInput(flux2Input, { prompt: "" }) // { success: false, issues: [{ loc: ["body", "prompt"], type: "string_too_short", … }] }
 */
export function parseInput<In, Out>(schema: Field<In, Out>, input: unknown): InputValidation<Out> {
  const issues: Issue[] = [];
  const data = schema.run(input, [], issues);
  return issues.length
    ? {
        success: false,
        issues: issues.map(({ next: _next, loc, ...issue }) => ({ loc: ["body", ...loc], ...issue })),
      }
    : { success: true, data };
}

/** The `~standard` side of a schema: its issues as messages with paths (without `"body"`). */
/* @__NO_SIDE_EFFECTS__ */
const standard = <In, Out>(schema: Field<In, Out>): StandardSchemaV1<In, Out>["~standard"] => ({
  version: 1,
  vendor: "flux-kit",
  validate: (value) => {
    const r = parseInput(schema, value);
    return r.success
      ? { value: r.data }
      : { issues: r.issues.map((i) => ({ message: i.msg, path: i.loc.slice(1) })) };
  },
});

/**
 * `z.object(shape)` (unknown keys dropped, as BFL's pydantic models ignore them) or `z.strictObject` (`"strict"`:
 * each unknown key reported as pydantic's `extra_forbidden`, after the fields). `checks` run on the parsed
 * object, as `.check(…)` after zod's.
 */
/* @__NO_SIDE_EFFECTS__ */
export const object = <S extends FieldsShape>(
  shape: S,
  unknownKeys?: "strict",
  ...checks: Check<ObjectOutput<S>>[]
): InputSchema<ObjectInput<S>, ObjectOutput<S>> & { readonly shape: S } => {
  // pydantic says `model_type` for a body that is not an object, `dict_type` for a nested one
  const body = typed<Record<string, unknown>>(
    "dict_type",
    "Input should be a valid dictionary",
    isJsonObject,
  );
  const root = typed<Record<string, unknown>>(
    "model_type",
    "Input should be a valid dictionary or object to extract fields from",
    isJsonObject,
  );
  const fields: Field<ObjectInput<S>, ObjectOutput<S>> = checked(
    {
      run: (value, loc, issues) => {
        const start = issues.length;
        (loc.length ? body : root).run(value, loc, issues);
        if (issues.length > start) return value as ObjectOutput<S>;
        const input = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(shape)) {
          const parsed = field.run(input[key], [...loc, key], issues);
          if (parsed !== undefined || key in input) out[key] = parsed;
        }
        if (unknownKeys === "strict")
          for (const key of Object.keys(input))
            if (!(key in shape))
              report(issues, [...loc, key], "extra_forbidden", "Extra inputs are not permitted", input[key]);
        return out as ObjectOutput<S>;
      },
    },
    ...checks,
  );
  return { ...fields, shape, "~standard": standard(fields) };
};
