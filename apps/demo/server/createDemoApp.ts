import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { ModelId } from "@flux-kit/core";
import { createNodeHandler, type ProxyLogEvent } from "@flux-kit/proxy/node";
import { createGallery, IMAGE_ROUTE, writeAtomically } from "./createGallery";
import { createTaskWatcher } from "./createTaskWatcher";
import { galleryAnswer } from "./galleryAnswer";
import { createUpstream, type Region, type UpstreamMode } from "./createUpstream";
import { createPersister } from "./persistResult";
import { createSessions } from "./sessions";

/** Models the demo offers (and the proxy allows): the FLUX.2 family's fast ones, Kontext and FLUX1.1 [pro]. */
export const DEMO_MODELS = [
  "flux-3-image",
  "flux-2-pro",
  "flux-2-klein-4b",
  "flux-2-klein-9b",
  "flux-2-flex",
  "flux-kontext-pro",
  "flux-pro-1.1",
] as const satisfies readonly ModelId[];

export interface DemoAppOptions {
  /** `"mock"`: the in-process simulator; `"live"`: BFL itself. */
  readonly mode: UpstreamMode;
  /** The BFL key (live), or the key the proxy presents to the mock (mock). Never sent to a browser. */
  readonly apiKey: string;
  /** BFL region in live mode. @default "global" */
  readonly region?: Region | undefined;
  /** Mock speed-up factor. @default 1 */
  readonly mockSpeed?: number | undefined;
  /** Mock seed, for repeatable runs. @default random */
  readonly mockSeed?: number | undefined;
  /** Folder for the gallery, the pending jobs and the session secret. */
  readonly dataDir: string;
  /** Tasks one browser session may run at once. @default 3 */
  readonly maxActiveTasksPerClient?: number | undefined;
  /** Where warnings go (never contains the key). @default console.warn */
  readonly log?: ((line: string) => void) | undefined;
  /** The model the studio starts with, one of `DEMO_MODELS`. @default "flux-3-image" (the first) */
  readonly defaultModel?: ModelId | undefined;
}

/** What `GET /api/demo/config` answers. */
export interface DemoConfig {
  readonly mode: UpstreamMode;
  readonly region: Region;
  readonly models: readonly ModelId[];
  /** The model the studio starts with. */
  readonly defaultModel: ModelId;
  readonly maxActiveTasksPerClient: number;
}

export type NextFunction = (error?: unknown) => void;

export interface DemoApp {
  readonly config: DemoConfig;
  /** A connect-style middleware: the proxy at `/api/flux`, the demo API at `/api/demo`, else `next()`. */
  handle(req: IncomingMessage, res: ServerResponse, next: NextFunction): void;
  close(): Promise<void>;
}

/**
 * The demo's server side: `@flux-kit/proxy` (session-cookie `authorize`, per-session limits, the model
 * allowlist, `onResult` persistence), a watcher that finishes tasks no browser is polling, and a small gallery
 * API. Mount it in front of the static app (production) or Vite's middlewares (development).
 *
 * @example
 * const app = await createDemoApp({ mode: "mock", apiKey: "mock-key", dataDir: ".data" });
 * createServer((req, res) => app.handle(req, res, () => serveStatic(req, res)));
 */
export async function createDemoApp(options: DemoAppOptions): Promise<DemoApp> {
  const log = options.log ?? ((line: string) => console.warn(line));
  await mkdir(options.dataDir, { recursive: true });
  const sessions = createSessions(await sessionSecret(join(options.dataDir, "session-secret")));
  const gallery = await createGallery(options.dataDir);
  const upstream = createUpstream(options);
  const persist = createPersister(gallery, upstream);
  const watcher = await createTaskWatcher({
    client: upstream.client,
    file: join(options.dataDir, "pending.json"),
    failedFile: join(options.dataDir, "failed.json"),
    onReady: (job, result) =>
      persist({
        taskId: job.id,
        owner: job.owner,
        sample: result.url,
        model: job.model,
        // what the person typed; BFL's rendered prompt (rewritten by FLUX 3 and FLUX.2 [pro]/[max]) only if unknown
        prompt: job.prompt ?? result.prompt,
        seed: result.seed,
      }),
  });
  const maxActiveTasksPerClient = options.maxActiveTasksPerClient ?? 3;
  const config: DemoConfig = {
    mode: upstream.mode,
    region: upstream.region,
    models: DEMO_MODELS,
    defaultModel: options.defaultModel ?? DEMO_MODELS[0],
    maxActiveTasksPerClient,
  };

  const proxy = createNodeHandler({
    ...upstream.proxyOptions,
    basePath: "/api/flux",
    authorize: (request) => {
      const id = sessions.verify(request.headers.get("cookie") ?? undefined);
      return id
        ? { allow: true, clientId: id }
        : { allow: false, status: 401, detail: "No demo session: reload the demo page to get one." };
    },
    allowedModels: DEMO_MODELS,
    limits: { maxActiveTasksPerClient, maxBodyBytes: 12 * 1024 * 1024 },
    // every task, its image or its failure belongs to the session that submitted it (`authorize` checked its cookie)
    onSubmit: ({ taskId, model, pollingUrl, input, request }) => {
      const owner = sessions.verify(request.headers.get("cookie") ?? undefined);
      // by code points, so a cut never splits an emoji
      const prompt = typeof input.prompt === "string" ? [...input.prompt].slice(0, 500).join("") : undefined;
      watcher.watch({ id: taskId, owner, model, pollingUrl, submittedAt: Date.now(), prompt });
    },
    onResult: async ({ taskId, result, sample }) => {
      if (sample === undefined) return undefined;
      const item = await persist({
        taskId,
        // its submitter's (only the submitter's poll reaches this hook), also when the watcher saw it end first
        // (and failed to save it); the image of a task nobody knows is shown to nobody
        owner: watcher.owner(taskId),
        sample,
        model: watcher.job(taskId)?.model,
        // what the person typed, so the card names their image; BFL's rendered prompt only if unknown
        prompt:
          watcher.job(taskId)?.prompt ?? (typeof result.prompt === "string" ? result.prompt : undefined),
        seed: typeof result.seed === "number" ? result.seed : undefined,
      });
      return { sample: item.url };
    },
    // upstream failures already reach `logger`; report the hooks' own failures (e.g. saving an image)
    onError: ({ kind, route, taskId, error }) => {
      if (kind === "upstream") return;
      log(`[demo] proxy ${kind} error on ${route}${taskId ? ` (task ${taskId})` : ""}: ${errorText(error)}`);
    },
    logger: (event: ProxyLogEvent) => {
      if (event.level === "warn" || event.level === "error") log(`[demo] proxy ${JSON.stringify(event)}`);
    },
  });

  /**
   * The caller's session, or a new one handed out with `Set-Cookie`. Only the app's own first call (`/api/demo/config`,
   * a same-origin fetch, which always carries the SameSite=Strict cookie) does this, never a page load: a link from
   * another site navigates without the cookie, and a new one would then replace it, and with it the visitor's gallery.
   */
  const session = (req: IncomingMessage, res: ServerResponse): string => {
    const id = sessions.verify(req.headers.cookie);
    if (id) return id;
    const issued = sessions.issue();
    res.appendHeader("Set-Cookie", issued.setCookie);
    return issued.id;
  };

  const demoApi = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD")
      return json(res, 405, { detail: "Method Not Allowed" });
    if (path === "/api/demo/config") {
      session(req, res);
      return json(res, 200, config);
    }
    const owner = sessions.verify(req.headers.cookie);
    if (!owner) {
      return json(res, 401, { detail: "No demo session: reload the demo page to get one." });
    }
    // only the session's own: its images, the tasks it has running, the ones it lost
    if (path === "/api/demo/gallery") {
      const items = await gallery.list(owner);
      return json(res, 200, galleryAnswer(items, watcher.pending(owner), watcher.failed(owner)));
    }
    if (path.startsWith(IMAGE_ROUTE)) {
      const found = await gallery.find(owner, path.slice(IMAGE_ROUTE.length));
      if (!found) return json(res, 404, { detail: "Not Found" });
      const { item, path: file } = found;
      res.writeHead(200, {
        "content-type": item.contentType,
        "content-length": item.bytes,
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      });
      if (req.method === "HEAD") return void res.end();
      createReadStream(file).pipe(res);
      return;
    }
    return json(res, 404, { detail: "Not Found" });
  };

  return {
    config,
    handle(req, res, next) {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (path === "/api/flux" || path.startsWith("/api/flux/")) return void proxy(req, res);
      if (path.startsWith("/api/demo/")) {
        demoApi(req, res, path).catch((error: unknown) => {
          log(`[demo] ${path}: ${errorText(error)}`);
          if (!res.headersSent) json(res, 500, { detail: "Internal error." });
          else res.destroy();
        });
        return;
      }
      // the page itself hands out no session (see `session`): the app's first call, /api/demo/config, does
      next();
    },
    async close() {
      await watcher.close();
      upstream.close();
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The HMAC secret of session cookies, kept in the data folder so sessions survive a restart. */
async function sessionSecret(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await writeAtomically(file, secret);
  return secret;
}
