import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { appRoot } from "./e2e/appRoot";

// The guide in README.md (which the root README's Next.js section copies) quotes this app's files verbatim:
// every code block that opens with a `// <path>` comment naming one of them must match it exactly.
const readme = readFileSync(join(appRoot, "README.md"), "utf8");
const guide = /<!-- guide:start -->([\s\S]*)<!-- guide:end -->/.exec(readme)?.[1] ?? "";
const quoted = [...guide.matchAll(/```tsx?\n(\/\/ (\S+)\n[\s\S]*?)```/g)].map((m) => ({
  path: m[2]!,
  code: m[1]!,
}));

test("the guide quotes the route handlers and the page", () => {
  expect(quoted.map((q) => q.path)).toEqual([
    "app/api/flux/[...path]/route.ts",
    "app/api/flux-edge/[...path]/route.ts",
    "app/Studio.tsx",
    "app/page.tsx",
  ]);
});

test.each(quoted)("the guide's $path is the app's file", ({ path, code }) => {
  expect(code).toBe(readFileSync(join(appRoot, path), "utf8"));
});
