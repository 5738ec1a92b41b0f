import { existsSync, readdirSync, readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { zodFreeEntries } from "../tsup.config";
import { reachedSources } from "./importGraph";

// What apps get: the build, not the source. `pnpm test` builds core first (its turbo task depends on `build`);
// run alone without a build, these fail and say so rather than pass unchecked.
const packageDir = join(import.meta.dirname, "..");
const dist = join(packageDir, "dist");
const built = existsSync(join(dist, "index.js"));
const run = promisify(execFile);

/** The build's ESM files with the source modules each holds (from its source map) and what it imports. */
function esmFiles() {
  const files = [
    ...readdirSync(dist).filter((name) => name.endsWith(".js")),
    ...readdirSync(join(dist, "chunks"))
      .filter((name) => name.endsWith(".js"))
      .map((name) => `chunks/${name}`),
  ];
  return new Map(
    files.map((file) => {
      const code = readFileSync(join(dist, file), "utf8");
      const map = JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8")) as { sources: string[] };
      const sources = map.sources.map((source) => relative(packageDir, join(dist, file, "..", source)));
      const imports = [...code.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["'];?$/gm)].map(
        (match) => match[1] as string,
      );
      const chunks = imports
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => relative(dist, join(dist, file, "..", specifier)));
      return [file, { sources, chunks, zod: imports.some((specifier) => /^zod(\/|$)/.test(specifier)) }];
    }),
  );
}

describe("the build (dist/)", () => {
  beforeAll(() => {
    if (!built) throw new Error("packages/core/dist is missing: run `pnpm build` (or `pnpm test`) first.");
  });

  // in a child process: vitest hands its workers the `@flux-kit/source` condition, under which package.json's
  // `#scrub` (the client's error scrubber) resolves to the source, as the other tests want
  it.each(["esm", "cjs"])(
    "%s: core/catalogue and core/tools give the main entry's very definitions, and a keyed client's errors omit the key",
    async (format) => {
      const { stdout } = await run(process.execPath, [join(import.meta.dirname, "loadDist.mjs"), format], {
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      expect(JSON.parse(stdout)).toEqual({
        sameModels: true,
        sameValidate: true,
        sameDefinitions: true,
        sameTools: true,
        errorIsFluxError: true,
        errorCode: "auth",
        keyInError: false,
      });
    },
  );

  // Jest's jsdom environment has no TextEncoder: importing core there threw at load (a webhook helper made one
  // at module level), and with it @flux-kit/react and @flux-kit/ui
  it.each(["esm", "cjs"])(
    "%s: every entry loads in a runtime without TextEncoder (Jest's jsdom)",
    async (format) => {
      const { stdout } = await run(process.execPath, [join(import.meta.dirname, "loadBare.mjs"), format], {
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      const { encoder, loaded } = JSON.parse(stdout) as { encoder: string; loaded: Record<string, unknown> };
      expect(encoder).toBe("undefined");
      // an entry's count of exports, or the error its import threw
      for (const [entry, exports] of Object.entries(loaded))
        expect([entry, typeof exports]).toEqual([entry, "number"]);
      expect(Object.keys(loaded)).toEqual(["index", "internal", "catalogue", "tools", "boxes"]);
      expect(Math.min(...Object.values(loaded).map(Number))).toBeGreaterThan(0);
    },
  );

  // package.json `imports`: the redacting scrub for every runtime that may hold the key, the plain one only where
  // no server can be (a browser build), even for runtimes that also match `browser` (Cloudflare's, Vercel's edge)
  it.each([
    ["a browser app (Vite, webpack, esbuild for the browser)", "browser", [], "scrubBrowser"],
    ["Cloudflare Workers (wrangler)", "neutral", ["workerd", "worker", "browser"], "scrub"],
    ["Next.js and Vercel's edge runtime", "neutral", ["edge-light", "worker", "browser"], "scrub"],
    ["a Web Worker or service worker bundle", "browser", ["worker"], "scrub"],
    ["Node (a bundled server)", "node", [], "scrub"],
    ["Deno and others (no condition of ours)", "neutral", ["deno"], "scrub"],
  ] as const)(
    "%s (esbuild platform %s, conditions %j): the #scrub it needs",
    async (_, platform, conditions, expected) => {
      const { build } = await import("esbuild");
      const result = await build({
        stdin: {
          contents: `export { createFluxClient } from ${JSON.stringify(join(dist, "index.js"))};`,
          resolveDir: packageDir,
        },
        bundle: true,
        write: false,
        metafile: true,
        format: "esm",
        platform,
        conditions: [...conditions],
        logLevel: "silent",
      });
      const scrubs = Object.keys(result.metafile.inputs)
        .map((input) => /dist\/chunks\/(scrub\w*)\.js$/.exec(input)?.[1])
        .filter((name) => name !== undefined);
      expect(scrubs).toEqual([expected]);
    },
  );

  it("no file holds a module of the models' zod-free side together with code that imports zod", () => {
    const zodFree = new Set(Object.values(zodFreeEntries).flatMap((entry) => [...reachedSources(entry)]));
    const files = esmFiles();
    const mixed = [...files]
      .filter(([, file]) => file.zod && file.sources.some((source) => zodFree.has(source)))
      .map(([name, file]) => `${name}: ${file.sources.join(", ")}`);
    expect(mixed).toEqual([]);
    // the check sees the sources: the zod-free side is in the build
    expect([...files.values()].some((file) => file.sources.includes("src/models/flux2Info.ts"))).toBe(true);
  });

  // esbuild and Rollup drop an unused `import * as z`, but Turbopack (Next 16's default bundler) keeps a file's
  // imports whole: a file that held the client with code importing zod put zod in every Next app's first load
  it("no file holds a module of the client (createFluxClient and what it imports) together with code that imports zod", () => {
    const client = reachedSources("src/client/createFluxClient.ts");
    const files = esmFiles();
    const holding = [...files].filter(([, file]) => file.sources.some((source) => client.has(source)));
    expect(holding.length).toBeGreaterThan(0);
    // and no file those files import imports zod either
    const queue = holding.map(([name]) => name);
    const reached = new Set<string>();
    for (let name = queue.pop(); name; name = queue.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      const file = files.get(name);
      expect(file?.zod, `${name} (${file?.sources.join(", ")}) imports zod`).toBe(false);
      queue.push(...(file?.chunks ?? []));
    }
  });

  it("the zod-free entries, and every file they import, import no zod", () => {
    const files = esmFiles();
    const queue = Object.keys(zodFreeEntries).map((entry) => `${entry}.js`);
    const reached = new Set<string>();
    for (let name = queue.pop(); name; name = queue.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      const file = files.get(name);
      expect(file, name).toBeDefined();
      expect(file?.zod, `${name} imports zod`).toBe(false);
      queue.push(...(file?.chunks ?? []));
    }
    expect(reached.size).toBeGreaterThan(Object.keys(zodFreeEntries).length);
  });
});

// A check reports by pushing onto a list; marked free of side effects, a minifier drops that call and the check
// accepts everything, while the source (what the other tests run) still works. An app's production build of a
// model, with Vite, must say what the source says.
describe("a minified app bundle of the models", () => {
  const bodies: [string, unknown][] = [
    ["flux-2-pro", { prompt: "", width: 1000, seed: 1.5 }],
    ["flux-2-pro", { prompt: "a fox", width: 2048, height: 4096 }],
    ["flux-3-image", { prompt: " ", seed: 1, images: [] }],
    ["flux-pro-1.1-ultra", { aspect_ratio: "9:1" }],
    ["flux-tools/outpainting-v1", { input_image: "", width: 10, mode: "fast" }],
    ["flux-kontext-pro", 42],
  ];

  it("reports what the source reports, and parses what it parses", async () => {
    if (!built) throw new Error("packages/core/dist is missing: run `pnpm build` (or `pnpm test`) first.");
    const { build } = await import("vite");
    const entry = "\0models-app";
    const app = `import { validateInput } from ${JSON.stringify(join(dist, "index.js"))};
export const results = ${JSON.stringify(bodies)}.map(([id, body]) => validateInput(id, body));
export const parsed = validateInput("flux-2-pro", { prompt: "a fox" });`;
    const output = await build({
      configFile: false,
      logLevel: "error",
      mode: "production",
      plugins: [
        {
          name: "models-app",
          resolveId: (id) => (id === entry ? id : undefined),
          load: (id) => (id === entry ? app : undefined),
        },
      ],
      build: {
        write: false,
        minify: true,
        rolldownOptions: { input: entry, preserveEntrySignatures: "strict" },
      },
    });
    const chunk = [output]
      .flat()
      .flatMap((r) => ("output" in r ? r.output : []))
      .find((file) => file.type === "chunk" && file.isEntry);
    if (chunk?.type !== "chunk") throw new Error("Vite built no entry chunk");
    const bundled = (await import(
      `data:text/javascript;base64,${Buffer.from(chunk.code).toString("base64")}`
    )) as {
      results: unknown[];
      parsed: unknown;
    };
    const { validateInput } = await import("../src/models/validateInput");
    const source = bodies.map(([id, body]) => validateInput(id, body));
    expect(source.every((r) => !r.success)).toBe(true);
    expect(bundled.results).toEqual(source);
    expect(bundled.parsed).toEqual(validateInput("flux-2-pro", { prompt: "a fox" }));
  }, 60_000);
});
