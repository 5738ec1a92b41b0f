import { firstLoadLabels, type FluxLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";

/** The English defaults of every label. */
export const defaultLabels: FluxLabels = /* @__PURE__ */ withLazyLabels(
  /* @__PURE__ */ firstLoadLabels(undefined),
);

/**
 * Merges overrides over the English defaults: every label, as `FluxStudio`'s parts show them.
 * @example resolveLabels({ submit: "Générer" }).submit // "Générer"
 */
export function resolveLabels(overrides: Partial<FluxLabels> | undefined): FluxLabels {
  return overrides ? { ...defaultLabels, ...overrides } : defaultLabels;
}
