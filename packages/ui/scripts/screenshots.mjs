// Screenshots of built stories in real Chromium, to look at the components (light/dark, any width).
// Usage: pnpm build-storybook && node packages/ui/scripts/screenshots.mjs storybook-static \
//          components-fluxstudio--playground,components-resultviewer--ready@4000 dark 390
// Each id may end in @<ms to wait before the shot>. PNGs go to packages/ui/__screenshots__/ (gitignored).
import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize } from "node:path";
import { mkdirSync, mkdtempSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

const root = process.argv[2];
const stories = process.argv[3].split(",");
const theme = process.argv[4] ?? "light";
const width = Number(process.argv[5] ?? 1100);
const out = join(dirname(fileURLToPath(import.meta.url)), "../__screenshots__");
mkdirSync(out, { recursive: true });
const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  try {
    const body = await readFile(join(root, normalize(path === "/" ? "index.html" : path)));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end("nf");
  }
}).listen(6123);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chr-")), {
  ...chromiumLaunchOptions,
  headless: true,
  viewport: { width, height: 900 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.on("console", (m) => {
  if (process.env.ALL_CONSOLE || m.type() === "error" || m.type() === "warning")
    console.log("CONSOLE", m.type(), m.text().slice(0, 300));
});
page.on("response", (r) => {
  if (r.url().includes("/api/") || r.status() >= 400)
    console.log("RESP", r.status(), r.request().method(), r.url().slice(0, 120));
});
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
for (const s of stories) {
  const [id, wait] = s.split("@");
  await page.goto(`http://localhost:6123/iframe.html?id=${id}&viewMode=story&globals=theme:${theme}`);
  await page.waitForTimeout(Number(wait ?? 2500));
  await page.screenshot({ path: join(out, `${id}-${theme}-${width}.png`), fullPage: true });
  console.log("shot", id);
}
await ctx.close();
server.close();
