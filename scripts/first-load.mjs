#!/usr/bin/env node
// `node scripts/first-load.mjs`: what an app's first load of the kit costs when Vite (rolldown) builds it, after
// `pnpm build`. The app is `<FluxProvider><FluxStudio /></FluxProvider>` from the packages' dist, with React and
// TanStack Query external, as the size budgets count kit code. The first load is the entry chunk and every chunk
// it imports statically; what FluxStudio loads with `import()` (the catalogue's schemas and zod, ui's lazy parts)
// is left out. Rollup and rolldown place a module whole in one chunk, so a module the first load shares with a
// lazy part is counted here with everything either side uses of it: that is what an app ships.
//
// esbuild cannot measure this: with code splitting it counts every module a live file imports as reached, used
// or not, so every schema that `@flux-kit/core`'s entry re-exports lands in its first load (evanw/esbuild#3704).
//
// `.size-limit.js` calls `writeFirstLoad` and checks the files it writes against the budget, so
// `pnpm exec size-limit` (CI) runs it; run this file directly for the chunks and the modules that weigh most.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync } from "node:zlib";
import { build } from "vite";

const root = new URL("..", import.meta.url).pathname;

/** What a React app has already; the budgets count kit code only. */
const peer = /^(react|react-dom|@tanstack\/react-query)(\/|$)/;

const ENTRY = "\0flux-kit-first-load";

/** The app, as a module that uses both names (so neither is shaken out). */
const app = `import { FluxStudio } from ${JSON.stringify(join(root, "packages/ui/dist/index.js"))};
import { FluxProvider } from ${JSON.stringify(join(root, "packages/react/dist/index.js"))};
console.log(FluxStudio, FluxProvider);
`;

/**
 * Builds the app with Vite and writes its first-load chunks (only those) to `outDir`.
 * @returns the files written, their brotli sizes, and the first load's modules with their rendered lengths
 */
export async function writeFirstLoad({ outDir = join(root, "node_modules/.cache/first-load") } = {}) {
  const result = await build({
    configFile: false,
    root,
    logLevel: "error",
    mode: "production",
    plugins: [
      {
        name: "flux-kit-first-load-entry",
        resolveId: (id) => (id === ENTRY ? id : undefined),
        load: (id) => (id === ENTRY ? app : undefined),
      },
    ],
    build: {
      write: false,
      minify: true,
      // Vite's own runtime (the modulepreload polyfill and the helper that preloads a lazy chunk's imports) is the
      // bundler's, shared by every lazy route of an app: not counted, as React is not
      modulePreload: false,
      rolldownOptions: { input: ENTRY, external: (id) => peer.test(id) },
    },
  });
  const chunks = [result]
    .flat()
    .flatMap((r) => r.output)
    .filter((file) => file.type === "chunk");
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const first = new Set();
  const queue = chunks.filter((chunk) => chunk.isEntry);
  for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
    if (first.has(chunk)) continue;
    first.add(chunk);
    for (const name of chunk.imports) if (byName.has(name)) queue.push(byName.get(name));
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = [...first].map((chunk) => {
    const path = join(outDir, chunk.fileName.replaceAll("/", "_"));
    writeFileSync(path, chunk.code);
    return { path, brotli: brotliCompressSync(chunk.code).length };
  });
  const modules = [...first]
    .flatMap((chunk) => Object.entries(chunk.modules))
    .map(([id, info]) => ({
      id: id.startsWith(root) ? relative(root, id) : id.replace("\0", ""),
      length: info.renderedLength,
    }))
    .filter((m) => m.length > 0)
    .sort((a, b) => b.length - a.length);
  const lazy = chunks.filter((chunk) => !first.has(chunk)).map((chunk) => chunk.fileName);
  return { files, modules, lazy, zod: modules.filter((m) => /[/\\]zod[/\\@]/.test(m.id)) };
}

/** The source files a dist chunk of ours was built from, from its source map: `" (fields.ts, …)"`. */
function sourcesOf(id) {
  const map = join(root, `${id}.map`);
  if (!existsSync(map)) return "";
  const { sources } = JSON.parse(readFileSync(map, "utf8"));
  return ` (${sources.map((source) => basename(source)).join(", ")})`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { files, modules, lazy, zod } = await writeFirstLoad();
  const total = files.reduce((sum, f) => sum + f.brotli, 0);
  for (const f of files) console.log(`${String(f.brotli).padStart(7)} B  ${relative(root, f.path)}`);
  console.log(`${String(total).padStart(7)} B  first load, brotli (each chunk compressed on its own)`);
  const packages = new Map();
  for (const m of modules) {
    const name = /^packages\/(\w+)\//.exec(m.id)?.[1] ?? "other";
    packages.set(name, (packages.get(name) ?? 0) + m.length);
  }
  const share = [...packages].map(([name, length]) => `${name} ${length}`);
  console.log(`\nrendered length before minifying, by package: ${share.join(", ")}`);
  console.log(`its heaviest modules:`);
  for (const m of modules.slice(0, 25))
    console.log(`${String(m.length).padStart(7)}  ${m.id}${sourcesOf(m.id)}`);
  console.log(`\nloaded on demand: ${lazy.join(", ")}`);
  if (zod.length > 0) {
    console.error(`\nzod is in the first load: ${zod.map((m) => m.id).join(", ")}`);
    process.exit(1);
  }
}
