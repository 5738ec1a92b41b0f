// Run by test/dist.test.ts with plain `node` (no `@flux-kit/source` condition, which vitest passes to its own
// workers): loads the build as an app does, in ESM or CJS (`node loadDist.mjs esm|cjs`), and prints what the test
// checks as one JSON line.
import { createRequire } from "node:module";
import { join } from "node:path";

const dist = join(import.meta.dirname, "..", "dist");
const format = process.argv[2];
const load =
  format === "cjs"
    ? (name) => createRequire(import.meta.url)(join(dist, `${name}.cjs`))
    : (name) => import(join(dist, `${name}.js`));

const [main, catalogue, tools] = await Promise.all(["index", "catalogue", "tools"].map(load));

// An upstream that echoes the key: the error a server-side client throws must not carry it.
const key = "test-key-dist-echoed-1234567890";
const client = main.createFluxClient({
  apiKey: key,
  retry: false,
  fetch: async () =>
    Response.json(
      { detail: `Invalid key ${key}` },
      { status: 403, headers: { "content-type": "application/json" } },
    ),
});
const error = await client.credits().catch((e) => e);

console.log(
  JSON.stringify({
    sameModels: catalogue.models === main.models,
    sameValidate: catalogue.validateInput === main.validateInput,
    sameDefinitions: main.modelIds.every((id) => catalogue.getModel(id) === main.getModel(id)),
    sameTools: Object.values(tools).every((tool) => main.getModel(tool.id) === tool),
    errorIsFluxError: error instanceof main.FluxError,
    errorCode: error.code,
    keyInError: JSON.stringify({ message: error.message, body: error.body }).includes(key),
  }),
);
