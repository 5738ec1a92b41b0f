import type {
  FluxGenerationState,
  GenerationController,
  GenerationControllerOptions,
  ModelId,
} from "@flux-kit/core";
import { useFluxContext } from "./FluxProvider";
import { queryWatcher, submitThroughMutation } from "./queryWatcher";
import type { NoDefaults, UseFluxGenerationOptions, UseFluxGenerationResult } from "./types";
import { useGenerationController } from "./useGenerationController";

/**
 * Generates an image and follows it to the end: submits once, polls on core's adaptive schedule through TanStack
 * Query (paused while the tab is hidden), survives reloads (sessionStorage), and turns `expired` when the image URL
 * lapses. Renders only on distinct state changes. `generate(input, { model })` sends one input to another model.
 *
 * @example
 * const gen = useFluxGeneration({ model: "flux-2-pro", defaults: { width: 1024, height: 1024 } });
 * <button disabled={gen.status === "submitting"} onClick={() => gen.generate({ prompt })}>Generate</button>
 * <button onClick={() => gen.generate({ prompt }, { model: "flux-2-klein-4b" })}>Quick draft</button>
 * {gen.status === "ready" && <img src={gen.imageUrl} alt={prompt} />}
 */
export function useFluxGeneration<M extends ModelId, D extends object = NoDefaults>(
  options: UseFluxGenerationOptions<M, D>,
): UseFluxGenerationResult<M, D> {
  const { client, queryClient } = useFluxContext("useFluxGeneration");
  const { model, persist = true } = options;
  const persistOptions = typeof persist === "object" ? persist : {};
  const controllerOptions: GenerationControllerOptions = {
    client,
    model,
    defaults: options.defaults,
    submit: (input, _signal, to, submit) => submitThroughMutation(queryClient, client, to, input, submit),
    watch: queryWatcher(queryClient, client, { pollWhileHidden: options.pollWhileHidden }),
    persistence: persist !== false && {
      key: persistOptions.key ?? `flux-kit:generation:${model}`,
      storage: persistOptions.storage,
      maxAgeMs: persistOptions.maxAgeMs,
    },
    timeoutMs: options.timeoutMs,
    expiresAt: options.imageExpiresAt,
    persistImage: options.persistImage,
    tickMs: options.tickMs,
    slotWaitMs: options.slotWaitMs,
    onSubmitted: options.onSubmitted,
    onReady: options.onReady,
    onError: options.onError,
  };
  const [controller, state] = useGenerationController(controllerOptions);
  return { ...view(state), ...actions(controller) };
}

/** The state fields a hook returns. @internal */
export function view(state: FluxGenerationState) {
  const { status, task, progress, stage, waiting, elapsedMs, result, imageUrl, expiresAt, error } = state;
  return { status, task, progress, stage, waiting, elapsedMs, result, imageUrl, expiresAt, error };
}

/** The controller's actions (stable across renders: they close over the controller only). @internal */
export function actions(controller: GenerationController) {
  const { generate, cancel, retry, reset, resume, watch } = controller;
  return { generate, cancel, retry, reset, resume, watch };
}
