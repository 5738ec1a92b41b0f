// Run by test/dist.test.ts with plain `node`: loads every entry of the build, in ESM or CJS
// (`node loadBare.mjs esm|cjs`), in a runtime without `TextEncoder` and `TextDecoder`, as Jest's jsdom
// environment is. Importing core must not need them (a webhook check may, when it runs). Prints one JSON line:
// each entry's count of exports, or the error that loading it threw.
import { createRequire } from "node:module";
import { join } from "node:path";

delete globalThis.TextEncoder;
delete globalThis.TextDecoder;

const dist = join(import.meta.dirname, "..", "dist");
const format = process.argv[2];
const load =
  format === "cjs"
    ? async (name) => createRequire(import.meta.url)(join(dist, `${name}.cjs`))
    : (name) => import(join(dist, `${name}.js`));

const loaded = {};
for (const name of ["index", "internal", "catalogue", "tools", "boxes"]) {
  loaded[name] = await load(name).then(
    (entry) => Object.keys(entry).length,
    (error) => String(error),
  );
}
console.log(JSON.stringify({ encoder: typeof TextEncoder, loaded }));
