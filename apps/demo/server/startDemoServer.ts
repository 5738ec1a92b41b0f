import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { demoRoot } from "./demoRoot";
import { createDemoApp, type DemoApp, type DemoAppOptions } from "./createDemoApp";
import { createStaticHandler } from "./serveStatic";

export { demoRoot };

export interface StartDemoServerOptions extends DemoAppOptions {
  /** @default 5173 (`0` picks a free port) */
  readonly port?: number | undefined;
  /** Interface to listen on. @default "localhost" */
  readonly host?: string | undefined;
  /** Serve the app through Vite's dev middlewares (hot reload) instead of the built `dist/`. @default false */
  readonly dev?: boolean | undefined;
}

export interface DemoServer {
  /** `http://localhost:<port>` */
  readonly url: string;
  readonly port: number;
  readonly app: DemoApp;
  close(): Promise<void>;
}

/**
 * Starts the demo: the demo API and proxy in front of the built app (or, with `dev`, in front of Vite's dev
 * server in middleware mode: the same proxy as Vite middleware).
 *
 * @example
 * const server = await startDemoServer({ mode: "mock", apiKey: "mock-key", dataDir: ".data", port: 0 });
 * console.log(server.url);
 */
export async function startDemoServer(options: StartDemoServerOptions): Promise<DemoServer> {
  const app = await createDemoApp(options);
  const server = createServer();
  let closeVite: () => Promise<void> = () => Promise.resolve();

  if (options.dev) {
    const { createServer: createVite } = await import("vite");
    const vite = await createVite({
      root: demoRoot,
      configFile: join(demoRoot, "vite.config.ts"),
      server: { middlewareMode: true, hmr: { server } },
      appType: "spa",
    });
    vite.middlewares.use((req, res, next) => app.handle(req, res, next));
    // our middleware must run before Vite's own: move it to the front of the stack
    vite.middlewares.stack.unshift(vite.middlewares.stack.pop()!);
    server.on("request", vite.middlewares);
    closeVite = () => vite.close();
  } else {
    const dist = join(demoRoot, "dist");
    if (!existsSync(join(dist, "index.html"))) {
      await app.close();
      throw new Error(
        `The demo app is not built: run "pnpm --filter @flux-kit/demo build" (or "pnpm demo").`,
      );
    }
    const serveStatic = createStaticHandler(dist);
    server.on("request", (req, res) =>
      app.handle(req, res, () => {
        serveStatic(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      }),
    );
  }

  try {
    await listen(server, options.port ?? 5173, options.host ?? "localhost");
  } catch (error) {
    // a busy port: release what was opened for it (Vite's watcher, the task watcher) before reporting
    await closeVite();
    await app.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    app,
    async close() {
      await closeVite();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
