import { useEffect, useState, useSyncExternalStore } from "react";
import {
  createGenerationController,
  type FluxGenerationState,
  type GenerationController,
  type GenerationControllerOptions,
} from "@flux-kit/core";
import { IDLE_GENERATION } from "@flux-kit/core/internal";

const serverState = (): FluxGenerationState => IDLE_GENERATION;

/**
 * One core generation controller per component: created without side effects during render, connected in an
 * effect (StrictMode-safe: the remount keeps it), latest options applied after every render, state read through
 * `useSyncExternalStore` so only distinct state changes render. @internal
 */
export function useGenerationController(
  options: GenerationControllerOptions,
): [GenerationController, FluxGenerationState] {
  const [controller] = useState(() => createGenerationController(options));
  useEffect(() => {
    controller.setOptions(options);
  });
  useEffect(() => controller.connect(), [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState, serverState);
  return [controller, state];
}
