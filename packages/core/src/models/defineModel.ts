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

/** A Standard Schema's issue in BFL's 422 wording: a zod issue as pydantic words it, any other as a value error. */
function fromStandardIssue(issue: StandardIssue): Issue[] {
  if ("code" in issue)
    return toInputIssues(issue as unknown as ZodIssueLike).map(({ loc, ...rest }) => ({
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
      if (result.issues) issues.push(...result.issues.flatMap(fromStandardIssue));
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
