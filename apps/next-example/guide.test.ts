import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { appRoot } from "./e2e/appRoot";

// The guide in README.md, and the root README's Next.js section, quote this app's files verbatim: every code
// block that opens with a `// <path>` comment naming one of them must match it exactly.
function quotedIn(file: string) {
  const readme = readFileSync(file, "utf8");
  const guide = /<!-- guide:start -->([\s\S]*)<!-- guide:end -->/.exec(readme)?.[1] ?? "";
  return [...guide.matchAll(/```tsx?\n(\/\/ (\S+)\n[\s\S]*?)```/g)].map((m) => ({
    path: m[2]!,
    code: m[1]!,
  }));
}

describe.each([
  {
    readme: "apps/next-example/README.md",
    file: join(appRoot, "README.md"),
    paths: [
      "app/api/flux/[...path]/route.ts",
      "app/api/flux-edge/[...path]/route.ts",
      "app/Studio.tsx",
      "app/page.tsx",
    ],
  },
  {
    readme: "the root README",
    file: join(appRoot, "..", "..", "README.md"),
    paths: ["app/api/flux/[...path]/route.ts", "app/Studio.tsx", "app/page.tsx"],
  },
])("$readme", ({ file, paths }) => {
  const quoted = quotedIn(file);

  test("quotes the route handlers and the page", () => {
    expect(quoted.map((q) => q.path)).toEqual(paths);
  });

  test.each(quoted)("its $path is the app's file", ({ path, code }) => {
    expect(code).toBe(readFileSync(join(appRoot, path), "utf8"));
  });
});
