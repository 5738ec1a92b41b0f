// Bundle-size budgets, checked in CI (`pnpm size`, after `pnpm build`). size-limit 12: esbuild, minified, brotli.
// Where a target from the issues is not met yet, the limit is a regression budget at today's size and
// bench/RESULTS.md says so.
import { relative } from "node:path";
import { writeFirstLoad } from "./scripts/first-load.mjs";

const reactAndQuery = ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"];

// FluxStudio's first load as Vite (rolldown) builds it, written to disk for the check below: see the script.
const studio = await writeFirstLoad();
if (studio.zod.length > 0) {
  throw new Error(
    `zod is in FluxStudio's first load (${studio.zod.map((m) => m.id).join(", ")}): the schemas must load on demand`,
  );
}

/**
 * esbuild warns of each `import "./chunk-….js"` in our dist files that it drops: tsup writes those bare imports,
 * and package.json's `sideEffects` says the chunks have none, so dropping them is what we ask for. Silenced for
 * every entry, so the check prints only its sizes.
 */
const quiet = (entry) => ({
  ...entry,
  modifyEsbuildConfig: (config) => {
    const own = entry.modifyEsbuildConfig ? entry.modifyEsbuildConfig(config) : config;
    return { ...own, logOverride: { ...own.logOverride, "ignored-bare-import": "silent" } };
  },
});

const entries = [
  {
    name: "@flux-kit/core: createFluxClient alone (browser, through the proxy)",
    path: "packages/core/dist/index.js",
    import: "{ createFluxClient }",
    // #12's target is 10 kB: met at 9.59 kB, now 10.04 kB after #13 (FLUX 3's stages, a wait deadline per model,
    // a failed task's body on an error status, the 422 for a malformed key, delivery lifetimes per model);
    // 10.13 kB with #14's allowedModels() (the proxy's read-only models route); 10.25 kB with #14's slot waits (a
    // rate-limited submit says why it waits, and waits as long as asked); 10.28 kB with zod's rule for when an
    // answer's refinement runs; 10.44 kB with #16's long polls (a poll waits at a proxy that offers it), 10.47 kB
    // with the offer learned from submits and polls only; 9.88 kB since a browser build takes the plain side of
    // package.json's `#scrub` (the key redactor only where a key can be a secret: servers): met again; 10.06 kB
    // with 2026-12-07's fixes from an adversarial pass (deadlines past 24.8 days, a Retry-After of 0 not looping a
    // waiting submit, callbacks that throw, a download within the request deadline, an input that cannot be sent,
    // an error page's excerpt cut at a word): over the target by 0.06 kB, budget at today's size
    limit: "10.1 kB",
  },
  {
    name: "@flux-kit/core: createFluxClient + one model schema (browser)",
    path: "packages/core/dist/index.js",
    import: "{ createFluxClient, flux2Pro }",
    // #12's target is 12 kB: not met. 17.39 kB with zod/mini schemas; 12.66 kB since the models' schemas are
    // built from core's own primitives (models/schema.ts, each held to its zod namesake): no zod on this path;
    // 12.14 kB without the key redactor in browser builds (`#scrub`); 12.11 kB since each schema primitive names
    // its pydantic type and message where it is defined; 12.26 kB with 2026-12-07's fixes (see above)
    limit: "12.3 kB",
  },
  {
    name: "@flux-kit/core: everything",
    path: "packages/core/dist/index.js",
    // regression budget; #12: -0.9 kB (the public surface), +0.4 kB (chunks a bundler can drop), +0.3 kB (the
    // key redactor shared with the proxy); #13: +3.7 kB, FLUX 3 Image (strict schema, reference sizes), the five
    // FLUX Tools, the price table and estimateCost; +0.2 kB in #12: getModelInfo and the info each model is built
    // from (the split that keeps zod out of FluxStudio's first load); +0.05 kB in #14: allowedModels(); +1.3 kB in
    // #14: the job tray (createJobTray) and slot waits; +0.15 kB in #16: long polls, webhook capabilities; -0.6 kB
    // in #12: the models' schemas without zod (zod stays for the error bodies' and webhooks' schemas); +0.1 kB:
    // defineModel reads a zod issue's value back from the body (29.57 kB); -0.5 kB: a browser build has no key
    // redactor (`#scrub`; servers keep it) (29.05 kB; 29.03 kB with no TextEncoder made at load)
    limit: "29.2 kB",
  },
  {
    name: "@flux-kit/core/boxes alone (browser box editor)",
    path: "packages/core/dist/boxes.js",
    import: "*",
    // 4.42 kB when added: the row checks and the sentences a UI shows; no zod, no client
    limit: "4.6 kB",
  },
  {
    name: "@flux-kit/react (react, TanStack Query and core external)",
    path: "packages/react/dist/index.js",
    import: "*",
    ignore: [...reactAndQuery, "@flux-kit/core"],
    limit: "4 kB",
  },
  {
    name: "@flux-kit/ui (peers and the other kit packages external)",
    path: "packages/ui/dist/index.js",
    import: "*",
    ignore: [...reactAndQuery, "@flux-kit/core", "@flux-kit/react"],
    // every component, the chunks it loads on demand included; 15.26 kB with #14's job tray (JobList, FluxStudio's
    // jobs, variations, Vary and Edit this image); 17.09 kB with the history kept in IndexedDB (idb-keyval, search,
    // Use again, delete); 20.3 kB with the full-screen view, the before/after slider and the mask painter (chunks
    // of their own, outside FluxStudio's first load); 28.5 kB with #15's FLUX 3 fields, ReferenceChips, the layout
    // editor (7.5 kB with core/boxes' checks) and the price beside Generate, all loaded on demand by FluxStudio;
    // 29 kB with the review's fixes (FLUX 3's fields check the prompt as sent, Use again reads its rows back);
    // 29.42 kB with the job tray's own group for jobs that ended without an image; 29.49 kB with the drag surfaces
    // (layout frame, mask canvas, reference chips) setting their own touch-action and the boxes their position;
    // 29.72 kB with 2026-12-07's fixes (a double click, Edit this image's failure, images added while others are read);
    // 29.87 kB with a kept image shown from its copy once its link lapses
    limit: "29.9 kB",
  },
  {
    name: "@flux-kit/ui/styles.css",
    path: "packages/ui/dist/styles.css",
    // 2.94 kB before #15; 4.1 kB with the layout editor's frame, boxes, handles and rows, the reference chips and
    // FLUX 3's tiers
    limit: "4.5 kB",
  },
  {
    name: "@flux-kit/ui/layout-editor: LayoutEditor with what it uses of @flux-kit/core/boxes (React external)",
    path: "packages/ui/dist/layout-editor.js",
    import: "{ LayoutEditor }",
    ignore: reactAndQuery,
    // #15's target is 8 kB: FluxStudio loads it on demand, when a person opens the layout of a FLUX 3 request
    limit: "8 kB",
  },
  {
    name: "@flux-kit/ui: ReferenceChips alone, with the file reading and words it shares with the form (peers external)",
    path: "packages/ui/dist/chunks/ReferenceChips.js",
    import: "{ ReferenceChips }",
    ignore: [...reactAndQuery, "@flux-kit/core", "@flux-kit/core/internal", "@flux-kit/react"],
    // 4.41 kB when added (core/boxes' reference names included); FluxStudio loads it on demand with FLUX 3's
    // fields, and its first load has the shared parts already; 4.6 kB with a chip's own touch-action
    limit: "4.7 kB",
  },
  {
    name: "FluxStudio app: first load as Vite builds it (kit code; React and TanStack Query external)",
    // the entry chunk and the chunks it imports statically, built by scripts/first-load.mjs with nothing of the kit
    // external: a module the first load shares with the catalogue or a lazy part of ui is counted whole, where
    // Rollup and rolldown put it. The next entry cannot see that (it marks the catalogue external): zod and every
    // model's schema came with the first load (40.3 kB here) while each model's info shared a chunk file with its
    // schema; 31.2 kB once they no longer did (the same code is 29.8 kB in the next entry: Vite's chunks, compressed
    // one by one).
    path: studio.files.map((file) => relative(import.meta.dirname, file.path)),
    // already bundled and minified by Vite: each chunk is measured as it is, copied (not minified again)
    modifyEsbuildConfig: (config) => ({ ...config, bundle: false, loader: { ".js": "copy" } }),
    // #6's target, 30 kB, is not met by this measure: 31.2 kB before #15; 30.8 kB with #15's FLUX 3 fields, long
    // runs and prices, whose parts load on demand, after HistoryList, the job tray, the failure views' words and the
    // layout editor stopped sharing files with what the first load needs. About 0.4 kB of it is Vite's preload
    // helper and 0.5 kB the small chunks Vite splits off and compresses one by one. A regression budget: see
    // bench/RESULTS.md. 31.13 kB with #16's long polls in core's client and a Generate disabled until hydration;
    // 31.2 kB with a prompt typed before hydration kept (+0.07 kB) and the long-poll offer's rule in the client;
    // 31.24 kB with the allowed models asked again after sign-in and a busy service's waiting message; 31.31 kB
    // with the tray naming FLUX 3's stages (Vite puts the stage words in a chunk the first load shares). 31.36–
    // 31.43 kB with the same code: the first load imports core's chunks by their hashed file names, so a change to
    // any core file moves it by a few dozen bytes; the budget leaves room for that. 30.83 kB since a browser build
    // leaves out the key redactor (core's `#scrub`); 30.85 kB with the drag surfaces' pointer-capture guard;
    // 31.08 kB with 2026-12-07's fixes (core's client, a double click, Edit this image's failure, images added
    // while others are read).
    limit: "31.2 kB",
  },
  {
    name: "FluxStudio app: kit code (core + react + ui); React and TanStack Query external",
    path: ["packages/ui/dist/index.js", "packages/react/dist/index.js"],
    import: {
      "packages/ui/dist/index.js": "{ FluxStudio }",
      "packages/react/dist/index.js": "{ FluxProvider }",
    },
    // the schemas (zod and every model's rules) load on demand, when the form first checks a value: see the next entry
    modifyEsbuildConfig: (config) => ({
      ...config,
      // …and so do the words that explain the checks' findings, the Advanced panel's fields (as the form mounts)
      // and the views a generation ends in (ready, failed…: once a first generation starts): ui's own chunks, in
      // the next entries
      external: [
        ...reactAndQuery,
        "@flux-kit/core/catalogue",
        "./AdvancedFields-*",
        "./ReadyView-*",
        "./ProblemView-*",
        "./fieldExplain-*",
        "./StudioHistory-*",
        "./Lightbox-*",
        "./MaskPainter-*",
        "./Flux3Fields-*",
        "./CostHint-*",
        "./JobList-*",
        "./layout-editor.js",
      ],
    }),
    // #6's target is 30 kB: met since #12 drew the form from getModelInfo (no zod) and moved the checks to
    // @flux-kit/core/catalogue, loaded on demand (26.85 kB then; 29.8 kB after the rest of #14's studio work:
    // image-load states, container layout, field messages, the allowed-models query). Was 34.7 kB with every
    // schema in the first load. #14's job tray (+1.5 kB) fits because the Advanced fields and the ready and failure
    // views load on demand: 29.82 kB. The history kept in IndexedDB is a chunk of its own (a plain list of the
    // session's images stands in until it loads), and the strings only lazy parts show load with them: 29.6 kB.
    // 29.85 kB with #15's FLUX 3 fields (their parts on demand); 30.14 kB with #16's long polls in core's client
    // (+0.19 kB) and a Generate disabled until hydration, past #6's 30 kB until #12's client work wins it back;
    // 30.23 kB with a prompt typed before hydration kept (+0.06 kB) and the long-poll offer's rule in the client;
    // 30.31 kB with the allowed models asked again after sign-in and a busy service's waiting message; 30.41 kB
    // with the viewer keeping focus when a part loaded on demand replaces its fallback. 29.88 kB since a browser
    // build leaves out the key redactor (core's `#scrub`, servers keep it): #6's and #15's 30 kB met again. 29.91 kB with
    // the drag surfaces' guard for a pointer that cannot be captured (jsdom, a synthetic event). 29.97 kB with
    // 2026-12-07's fixes in core's client; 30.03 kB with a Generate repeated while its images run (a double click
    // with Images: 2–4) submitting none of them again: past 30 kB by 0.03 kB; 30.10 kB with Edit this image saying
    // why it failed and images added while others are read keeping what changed meanwhile; 30.21 kB with a kept
    // image shown from its copy once its link lapses. Budget at today's size.
    limit: "30.3 kB",
  },
  {
    name: "FluxStudio app: the checks it loads on demand (@flux-kit/core/catalogue, alone)",
    path: "packages/core/dist/catalogue.js",
    import: "{ validateInput }",
    // every model's schema (11.9 kB with zod/mini, 6.24 kB on core's own primitives); loaded after the form
    // mounts, before the first check
    limit: "6.5 kB",
  },
  // ui's chunks that load on demand; what the first load already has (the shared chunk, core, React) is not counted
  // again
  ...[
    ["the Advanced panel's fields", "AdvancedFields", "1.5 kB"],
    // 1.34 kB; 1.94 kB with Full screen, the before/after slider and the gallery the full-screen view moves through
    ["the finished image's view", "ReadyView", "2.2 kB"],
    ["the failure views", "ProblemView", "1.5 kB"],
    ["the sentences that explain field errors (with the checks)", "fieldExplain", "1 kB"],
    ["the history kept in IndexedDB (with idb-keyval)", "StudioHistory", "3 kB"],
    ["the full-screen view (zoom, arrow keys, copy image and prompt)", "Lightbox", "2 kB"],
    ["the mask painter (FLUX.1 Fill, FLUX Erase)", "MaskPainter", "2.5 kB"],
    // #15: references as chips are ui's ReferenceChips export (a shared chunk; its own entry below)
    ["FLUX 3 Image's fields (tiers and prices, ratios, the layout's section)", "Flux3Fields", "2.5 kB"],
    // core's price table (estimateCost) loads with it, outside the first load
    ["the request's price beside Generate", "CostHint", "1 kB"],
  ].map(([what, chunk, limit]) => ({
    name: `FluxStudio app: ${what}, loaded on demand (ui's ${chunk} chunk)`,
    path: `packages/ui/dist/${chunk}-*.js`,
    modifyEsbuildConfig: (config) => ({
      ...config,
      external: [
        ...reactAndQuery,
        "@flux-kit/core",
        "@flux-kit/core/internal",
        "@flux-kit/react",
        "./chunk-*",
        // a chunk a chunk loads on demand (the full-screen view, from the finished image's; the layout editor,
        // from FLUX 3's fields) is its own entry
        "./Lightbox-*",
        "./layout-editor.js",
      ],
    }),
    limit,
  })),
];

export default entries.map(quiet);
