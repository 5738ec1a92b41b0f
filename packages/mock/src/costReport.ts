import type { ModelDefinition } from "@flux-kit/core";
import type { MockBflOptions } from "./options";

/** Where a task's price is reported: on the submit, as a top-level `cost` on the Ready poll, or nowhere. */
export type CostReport = "submit" | "ready" | "none";

/** Families whose endpoints send no cost at submit and a settled `cost` on Ready (docs/bfl-api.md Part II §8.2). */
const SETTLED_FAMILIES: ReadonlySet<ModelDefinition["family"]> = new Set([
  "flux-dev",
  "flux-1.0",
  "flux-1.1",
  "flux-kontext",
]);

/**
 * Where the `reportCost` option puts a model's price: `"bfl"` (the default) as BFL does since 2026 (FLUX.2,
 * FLUX 3 and the tools on the submit; FLUX.1-era and Kontext models settled on the Ready poll), `"flux-2"` on
 * FLUX.2's submits only (the mock before 2026), `"all"` on every submit, `"none"` nowhere.
 */
export function costReport(options: MockBflOptions, model: ModelDefinition): CostReport {
  switch (options.reportCost ?? "bfl") {
    case "bfl":
      return SETTLED_FAMILIES.has(model.family) ? "ready" : "submit";
    case "flux-2":
      return model.family === "flux-2" ? "submit" : "none";
    case "all":
      return "submit";
    case "none":
      return "none";
  }
}
