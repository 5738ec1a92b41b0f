import { useEffect, useState } from "react";
import type { InputValidation, ModelId } from "@flux-kit/core";
import type { ExplainFieldError } from "./fieldMessages";

/** `validateInput` by model id, as the catalogue entry exports it. */
export type Validate = (model: ModelId, input: unknown) => InputValidation<unknown>;

/** The form's checks and the words it explains their findings in. */
export interface Checks {
  readonly validate: Validate;
  readonly explain: ExplainFieldError;
}

let loaded: Checks | undefined;
let loading: Promise<Checks> | undefined;

/**
 * Loads the catalogue's checks (every model's rules) and the sentences that explain their findings once,
 * on demand: a form draws its fields from `getModelInfo`, so the schemas stay out of an app's first load. A failed
 * load (offline, a deploy that removed the chunk) is retried on the next call.
 */
export function loadValidator(): Promise<Checks> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= Promise.all([
    import("@flux-kit/core/catalogue").then((m) => m.validateInput as Validate),
    import("./fieldExplain").then((m) => m.explainFieldError),
  ]).then(
    ([validate, explain]) => (loaded = { validate, explain }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The checks once loaded (starting the load when a form mounts), `undefined` until then. */
export function useValidator(): Checks | undefined {
  const [validate, setValidate] = useState<Checks | undefined>(() => loaded);
  useEffect(() => {
    if (validate) return;
    let live = true;
    loadValidator().then(
      (v) => {
        if (live) setValidate(() => v);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [validate]);
  return validate;
}
