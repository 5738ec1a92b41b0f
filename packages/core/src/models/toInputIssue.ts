import type * as z from "zod/mini";
import { INT_MESSAGE } from "./fields";
import type { InputIssue } from "./schema";

export type { InputIssue } from "./schema";

/** A zod 4 issue, as a zod schema's Standard Schema `validate` reports it. */
export type ZodIssueLike = z.core.$ZodIssue;

type Described = Pick<InputIssue, "msg" | "type"> & { ctx?: Record<string, unknown>; hideInput?: boolean };

const quote = (v: unknown) => (typeof v === "string" ? `'${v}'` : String(v));

/** `"'a', 'b' or 'c'"`, as pydantic lists enum members. */
function orList(values: readonly unknown[]): string {
  const q = values.map(quote);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1] ?? ""}`;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ["string_type", "Input should be a valid string"],
  number: ["float_type", "Input should be a valid number"],
  boolean: ["bool_type", "Input should be a valid boolean"],
  object: ["dict_type", "Input should be a valid dictionary"],
  array: ["list_type", "Input should be a valid list"],
};

function describeType(issue: z.core.$ZodIssueInvalidType, atRoot: boolean): Described {
  const input: unknown = issue.input;
  if (input === undefined && !atRoot) return { type: "missing", msg: "Field required", hideInput: true };
  if (atRoot && issue.expected === "object") {
    return { type: "model_type", msg: "Input should be a valid dictionary or object to extract fields from" };
  }
  if (issue.expected === "int" || issue.message === INT_MESSAGE) {
    return typeof input === "number" && Number.isFinite(input) && !Number.isInteger(input)
      ? {
          type: "int_from_float",
          msg: "Input should be a valid integer, got a number with a fractional part",
        }
      : { type: "int_type", msg: INT_MESSAGE };
  }
  const [type, msg] = TYPE_NAMES[issue.expected] ?? [
    `${issue.expected}_type`,
    `Input should be a valid ${issue.expected}`,
  ];
  return { type, msg };
}

function describe(issue: z.core.$ZodIssue, atRoot: boolean): Described {
  switch (issue.code) {
    case "invalid_type":
      return describeType(issue, atRoot);
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string") {
        return {
          type: "string_too_short",
          msg: `String should have at least ${n} character${n === 1 ? "" : "s"}`,
          ctx: { min_length: n },
        };
      }
      return issue.inclusive === false
        ? { type: "greater_than", msg: `Input should be greater than ${n}`, ctx: { gt: n } }
        : {
            type: "greater_than_equal",
            msg: `Input should be greater than or equal to ${n}`,
            ctx: { ge: n },
          };
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "string") {
        return {
          type: "string_too_long",
          msg: `String should have at most ${n} character${n === 1 ? "" : "s"}`,
          ctx: { max_length: n },
        };
      }
      return issue.inclusive === false
        ? { type: "less_than", msg: `Input should be less than ${n}`, ctx: { lt: n } }
        : { type: "less_than_equal", msg: `Input should be less than or equal to ${n}`, ctx: { le: n } };
    }
    case "not_multiple_of": {
      const n = Number(issue.divisor);
      return { type: "multiple_of", msg: `Input should be a multiple of ${n}`, ctx: { multiple_of: n } };
    }
    case "invalid_value": {
      const expected = orList(issue.values);
      return issue.values.length === 1
        ? { type: "literal_error", msg: `Input should be ${expected}`, ctx: { expected } }
        : { type: "enum", msg: `Input should be ${expected}`, ctx: { expected } };
    }
    case "invalid_format":
      return issue.format === "url"
        ? { type: "url_parsing", msg: "Input should be a valid URL" }
        : { type: "string_pattern_mismatch", msg: `String should match the ${issue.format} format` };
    case "custom": {
      const params = (issue.params ?? {}) as {
        type?: string;
        ctx?: Record<string, unknown>;
        hideInput?: boolean;
      };
      const described: Described = { type: params.type ?? "value_error", msg: issue.message };
      if (params.ctx) described.ctx = params.ctx;
      if (params.hideInput) described.hideInput = true;
      return described;
    }
    default:
      return { type: "value_error", msg: `Value error, ${issue.message}` };
  }
}

/**
 * Maps a zod issue (parsed with `reportInput: true`) onto a FastAPI/pydantic-style `InputIssue` whose `loc`
 * starts with `"body"`.
 */
export function toInputIssue(issue: z.core.$ZodIssue): InputIssue {
  return toInputIssues(issue)[0] as InputIssue;
}

/**
 * Like `toInputIssue`, but an issue about several keys becomes one per key: a strict schema's unknown fields are
 * each reported as pydantic's `extra_forbidden` at `["body", key]`, with the value sent (docs/bfl-api.md, 2026
 * addendum §2.1 and §13).
 * @example toInputIssues(issue) // [{ loc: ["body", "seed"], type: "extra_forbidden", msg: "Extra inputs are not permitted", input: 42 }]
 */
export function toInputIssues(issue: z.core.$ZodIssue): InputIssue[] {
  if (issue.code === "unrecognized_keys") {
    const at = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const owner = issue.input ?? {};
    return issue.keys.map((key) => ({
      loc: ["body", ...at, key],
      msg: "Extra inputs are not permitted",
      type: "extra_forbidden",
      input: owner[key],
    }));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    // Report the branch the value was meant for (the one whose type it has: the list branch for a list), as
    // pydantic does for `str | list[str]`, with its path under the union's.
    const branch = issue.errors.find(
      (errors) => !errors.some((e) => e.code === "invalid_type" && e.path.length === 0),
    );
    if (branch) return branch.flatMap((e) => toInputIssues({ ...e, path: [...issue.path, ...e.path] }));
  }
  return [singleIssue(issue)];
}

function singleIssue(issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const { hideInput, ctx, ...rest } = describe(issue, path.length === 0);
  const out: InputIssue = { loc: ["body", ...path], ...rest };
  if (!hideInput && "input" in issue && issue.input !== undefined) out.input = issue.input;
  if (ctx) out.ctx = ctx;
  return out;
}
