import axe from "axe-core";
import { expect } from "vitest";

/** Runs axe on `node` and fails with the violations' ids and targets. Colour contrast needs layout: skipped in happy-dom. */
export async function expectNoAxeViolations(node: Element): Promise<void> {
  const results = await axe.run(node, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found).toEqual([]);
}
