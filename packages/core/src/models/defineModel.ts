import { defineModelInfo, type InfoFields } from "./defineModelInfo";
import type { InputSchema, Issue, StandardIssue, StandardSchemaV1 } from "./schema";
import { toInputIssues, type ZodIssueLike } from "./toInputIssue";
import type { ModelDefinition, ModelInfo } from "./types";
import { validateModelInput } from "./validateModelInput";

/**
 * A model's info with its schema: the definition, with `validate` (the schema check with BFL's 422 wording).
 * The catalogue builds each model this way from its info, so `getModelInfo` can reach the info alone.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withSchema<const Id extends string, Input extends InputSchema>(
  info: ModelInfo<Id>,
  input: Input,
): ModelDefinition<Id, Input> {
  const model: ModelDefinition<Id, Input> = {
    ...info,
    input,
    validate: (body) => validateModelInput(model, body),
  };
  return model;
}

/** The value at `path` in `root`: what zod's `reportInput` would have put in an issue. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path)
    value =
      typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * A zod issue with the value it is about: zod's Standard Schema side leaves it out, and pydantic's wording needs
 * it (a value of the wrong type is not a missing field). A union's branches get theirs too.
 */
function withInput(issue: ZodIssueLike, root: unknown, base: readonly PropertyKey[] = []): ZodIssueLike {
  const path = [...base, ...issue.path];
  const input = valueAt(root, path);
  if (issue.code !== "invalid_union") return { ...issue, input } as ZodIssueLike;
  const errors = issue.errors.map((branch) => branch.map((e) => withInput(e, root, path)));
  return { ...issue, input, errors } as ZodIssueLike;
}

/**
 * A Standard Schema's issue in BFL's 422 wording: a zod schema's as pydantic words it, another library's as a
 * value error with its message.
 */
function fromStandardIssue(issue: StandardIssue, zod: boolean, value: unknown): Issue[] {
  if (zod)
    return toInputIssues(withInput(issue as unknown as ZodIssueLike, value)).map(({ loc, ...rest }) => ({
      loc: loc.slice(1),
      ...rest,
    }));
  const loc = (issue.path ?? []).map((p) => {
    const key = typeof p === "object" ? p.key : p;
    return typeof key === "number" ? key : String(key);
  });
  return [{ loc, msg: issue.message, type: "value_error" }];
}

/** Any Standard Schema (zod 4, Valibot, ArkType, or one of flux-kit's) as a model's schema. */
function asInputSchema<In, Out>(schema: StandardSchemaV1<In, Out>): InputSchema<In, Out> {
  if ("run" in schema) return schema as InputSchema<In, Out>;
  return {
    "~standard": schema["~standard"],
    run: (value, _loc, issues) => {
      const result = schema["~standard"].validate(value);
      if (result instanceof Promise)
        throw new TypeError("A model's schema must check synchronously; this one returned a Promise.");
      const zod = schema["~standard"].vendor === "zod";
      if (result.issues)
        issues.push(...result.issues.flatMap((issue) => fromStandardIssue(issue, zod, value)));
      return result.issues ? (value as Out) : result.value;
    },
  };
}

/**
 * Builds a `ModelDefinition`, keeping its id literal and its schema type precise: its info (as
 * `defineModelInfo`), its schema (any Standard Schema: a zod 4 schema's issues keep pydantic's wording) and
 * `validate` (the schema check with BFL's 422 wording). The schema must check synchronously.
 * @example const m = defineModel({ id: "flux-dev", family: "flux-dev", …, input: z.object({ prompt: z.string() }) })
 * m.path // "/v1/flux-dev"
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModel<const Id extends string, In, Out>(
  definition: InfoFields<Id> & { readonly input: StandardSchemaV1<In, Out> },
): ModelDefinition<Id, InputSchema<In, Out>> {
  const { input, ...info } = definition;
  return withSchema(defineModelInfo<Id>(info), asInputSchema(input));
}
