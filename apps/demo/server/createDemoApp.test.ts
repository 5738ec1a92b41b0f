import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDemoApp, type DemoApp, type DemoConfig } from "./createDemoApp";

const KEY = "demo-app-test-key";
let dir: string;
let app: DemoApp;
let server: Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "flux-demo-app-"));
  app = await createDemoApp({ mode: "mock", apiKey: KEY, dataDir: dir, mockSeed: 1, log: () => undefined });
  server = createServer((req, res) => app.handle(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cookie = await newSession();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const newSession = async () =>
  (await fetch(`${base}/api/demo/config`)).headers.get("set-cookie")!.split(";")[0]!;

const submit = (model: string, prompt: string, headers: Record<string, string> = { cookie }) =>
  fetch(`${base}/api/flux/v1/${model}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ prompt }),
  });

test("the proxy only serves browsers holding the demo's session cookie", async () => {
  expect((await submit("flux-2-pro", "no cookie", {})).status).toBe(401);
  const forged = cookie.replace(/\.[^.]+$/, ".forged");
  expect((await submit("flux-2-pro", "forged", { cookie: forged })).status).toBe(401);
  expect((await fetch(`${base}/api/demo/gallery`)).status).toBe(401);
});

test("the config offers FLUX 3 Image first, and the studio starts with it", async () => {
  const config = (await (await fetch(`${base}/api/demo/config`)).json()) as DemoConfig;
  expect(config.models[0]).toBe("flux-3-image");
  expect(config.defaultModel).toBe("flux-3-image");
});

test("models outside the demo's allowlist are refused before reaching upstream", async () => {
  const response = await submit("flux-dev", "not offered");
  expect(response.status).toBe(403);
});

test("one session may run 3 tasks at once; the 4th waits, another session is not affected", async () => {
  for (let i = 0; i < 3; i++) expect((await submit("flux-2-pro", `busy ${i} [mock:stuck]`)).status).toBe(200);
  const fourth = await submit("flux-2-pro", "one too many [mock:stuck]");
  expect(fourth.status).toBe(429);

  const other = await newSession();
  expect((await submit("flux-2-pro", "another browser [mock:stuck]", { cookie: other })).status).toBe(200);
  // the server follows every accepted task, and lists each to the session that submitted it
  const pending = async (session: string) =>
    (
      (await (await fetch(`${base}/api/demo/gallery`, { headers: { cookie: session } })).json()) as {
        pending: unknown[];
      }
    ).pending;
  expect(await pending(cookie)).toHaveLength(3);
  expect(await pending(other)).toHaveLength(1);
});

test("no answer carries the key", async () => {
  const response = await submit("flux-2-klein-4b", "a quick one", { cookie: await newSession() });
  const text = JSON.stringify([...response.headers]) + (await response.text());
  expect(response.status).toBe(200);
  expect(text).not.toContain(KEY);
});

test("a task the browser saw finish is listed once: as its image, not also as still generating", async () => {
  // CI once showed a finished image beside its "Generating" card: the browser's poll saved it through the proxy
  // while the server's watcher, polling on its own schedule, still listed the task as pending
  const session = await newSession();
  const submitted = (await (
    await submit("flux-2-klein-4b", "seen to the end", { cookie: session })
  ).json()) as {
    id: string;
    polling_url: string;
  };
  let status = "";
  while (status !== "Ready") {
    const poll = await fetch(new URL(submitted.polling_url, base), { headers: { cookie: session } });
    status = ((await poll.json()) as { status: string }).status;
    expect(["Pending", "Ready"]).toContain(status);
    if (status !== "Ready") await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // the proxy saved the image before answering Ready: the gallery lists it, and no longer as pending
  const gallery = (await (
    await fetch(`${base}/api/demo/gallery`, { headers: { cookie: session } })
  ).json()) as {
    items: { id: string }[];
    pending: { id: string }[];
  };
  expect(gallery.items.map((item) => item.id)).toEqual([submitted.id]);
  expect(gallery.pending).toEqual([]);
});
