import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

export default defineConfig(
  preset({
    entry: [
      "src/index.ts",
      "src/next.ts",
      "src/nextPages.ts",
      "src/express.ts",
      "src/node.ts",
      "src/hono.ts",
      "src/redis.ts",
      // Not exported: an entry only so the options types every entry shares are emitted as `options.d.ts`,
      // rather than in a chunk rollup names after the last module it saw (`FluxProxyConfigError-<hash>.d.ts`).
      "src/options.ts",
    ],
  }),
);
