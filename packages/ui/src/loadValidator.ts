import { useEffect, useState } from "react";
import type { InputValidation, ModelId } from "@flux-kit/core";

/** `validateInput` by model id, as the catalogue entry exports it. */
export type Validate = (model: ModelId, input: unknown) => InputValidation<unknown>;

let loaded: Validate | undefined;
let loading: Promise<Validate> | undefined;

/**
 * Loads the catalogue's checks (zod and every model's rules) once, on demand: a form draws its fields from
 * `getModelInfo`, so the schemas stay out of an app's first load. A failed load (offline, a deploy that removed
 * the chunk) is retried on the next call.
 */
export function loadValidator(): Promise<Validate> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import("@flux-kit/core/catalogue").then(
    (catalogue) => (loaded = catalogue.validateInput as Validate),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The checks once loaded (starting the load when a form mounts), `undefined` until then. */
export function useValidator(): Validate | undefined {
  const [validate, setValidate] = useState<Validate | undefined>(() => loaded);
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
