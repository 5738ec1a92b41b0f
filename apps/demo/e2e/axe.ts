import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

/** The axe-core violations on `page` (or inside `selector`), as "rule: target" lines; an empty list is clean. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core") });
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(within ? { include: [within] } : document);
    return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  }, selector);
}
