import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

/**
 * Serves the built app from `root`: hashed files under `/assets/` are cached for a year, and every other GET
 * that names no file gets `index.html` (a single-page app).
 */
export function createStaticHandler(
  root: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const send = async (res: ServerResponse, file: string, method: string, immutable: boolean) => {
    const info = await stat(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (method === "HEAD") return void res.end();
    createReadStream(file).pipe(res);
  };
  return async (req, res) => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && !path.endsWith("/")) {
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) return send(res, file, method, path.startsWith("/assets/"));
    }
    if (path.startsWith("/assets/") || extname(path) !== "") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    return send(res, join(root, "index.html"), method, false);
  };
}
