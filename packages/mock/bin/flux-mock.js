#!/usr/bin/env node
// The `flux-mock` command. It lives outside dist/ so the package manager can link it before the package is
// built (in this monorepo, on a fresh install); the CLI itself is the built dist/bin.js.
import { existsSync } from "node:fs";

const cli = new URL("../dist/bin.js", import.meta.url);
if (!existsSync(cli)) {
  console.error(
    "flux-mock: @flux-kit/mock is not built yet. Run `pnpm build` (or `pnpm mock` from the repository root).",
  );
  process.exit(1);
}
await import(cli.href);
