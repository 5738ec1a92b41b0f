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
    ],
  }),
);
