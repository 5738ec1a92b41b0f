import { mutationOptions } from "@tanstack/react-query";
import type { FluxClient, FluxError, FluxJob, ModelId, ModelInput } from "@flux-kit/core";

/** The mutation key of submits to `model`: `["flux", "submit", model]`. */
export function fluxSubmitMutationKey(model: string) {
  return ["flux", "submit", model] as const;
}

/**
 * TanStack Query options for one submit to `model` (key `["flux", "submit", model]`). Never retried by TanStack:
 * the client retries a submit only when it certainly created no task. Watch the returned job with
 * `fluxTaskQueryOptions`.
 *
 * @example
 * const submit = useMutation(fluxSubmitMutationOptions(client, "flux-2-pro"));
 * const job = await submit.mutateAsync({ prompt: "a red fox in snow" });
 */
export function fluxSubmitMutationOptions<M extends ModelId>(client: FluxClient, model: M) {
  return mutationOptions<FluxJob, FluxError, ModelInput<M>>({
    mutationKey: fluxSubmitMutationKey(model),
    mutationFn: (input) => client.submit(model, input),
    retry: false,
  });
}
