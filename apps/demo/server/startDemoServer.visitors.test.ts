import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startDemoServer, type DemoServer } from "./startDemoServer";
import { SESSION_COOKIE } from "./sessions";

const KEY = "demo-visitors-test-key";
let dir: string;
let server: DemoServer;
let base: string;

// the real demo server (the built app, the proxy, the demo API) on a loopback socket
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "flux-demo-visitors-"));
  server = await startDemoServer({
    mode: "mock",
    apiKey: KEY,
    dataDir: dir,
    mockSeed: 7,
    mockSpeed: 20,
    host: "127.0.0.1",
    port: 0,
    log: () => undefined,
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface GalleryAnswer {
  readonly items: readonly { readonly id: string; readonly url: string; readonly prompt?: string }[];
  readonly pending: readonly { readonly id: string }[];
  readonly failed: readonly { readonly id: string; readonly code: string }[];
}

/** One browser: its own cookie jar (the session cookie the server set, sent back on every request). */
function visitor() {
  let cookie: string | undefined;
  let setCookie: string | undefined;
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    for (const set of response.headers.getSetCookie()) {
      setCookie = set;
      cookie = set.split(";")[0];
    }
    return response;
  };
  return {
    cookie: () => cookie,
    /** The last `Set-Cookie` the server sent. */
    setCookie: () => setCookie,
    request,
    /** Loads the page, then the config call the app makes first (it hands out the session). */
    async open() {
      await (await request("/")).text();
      expect((await request("/api/demo/config")).status).toBe(200);
    },
    async submit(prompt: string, model = "flux-2-klein-4b"): Promise<string> {
      const response = await request(`/api/flux/v1/${model}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { id: string }).id;
    },
    async gallery(): Promise<GalleryAnswer> {
      const response = await request("/api/demo/gallery");
      expect(response.status).toBe(200);
      return (await response.json()) as GalleryAnswer;
    },
  };
}

const ids = (list: readonly { readonly id: string }[]) => list.map((entry) => entry.id).sort();

test("each visitor's gallery holds only their own images, running jobs and failures", async () => {
  const alice = visitor();
  const bob = visitor();
  await alice.open();
  await bob.open();
  expect(alice.cookie()).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  expect(bob.cookie()).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  expect(bob.cookie()).not.toBe(alice.cookie());
  // the session cookie is what it was: signed, HttpOnly, SameSite=Strict (the proxy's authorize reads it)
  expect(alice.setCookie()).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);

  const aliceImage = await alice.submit("Alice's red kite over the dunes");
  const aliceFailure = await alice.submit("Alice's lamp [mock:error:GPU fell over]");
  const aliceRunning = await alice.submit("Alice's owl that never lands [mock:stuck]");
  const bobImage = await bob.submit("Bob's blue heron");

  // the server's watcher finishes them without any browser polling: wait until it has (the bound is for a stuck
  // run only)
  await expect
    .poll(
      async () => {
        const gallery = await alice.gallery();
        return { items: ids(gallery.items), pending: ids(gallery.pending), failed: ids(gallery.failed) };
      },
      { timeout: 60_000 },
    )
    .toEqual({ items: [aliceImage], pending: [aliceRunning], failed: [aliceFailure] });
  await expect.poll(async () => ids((await bob.gallery()).items), { timeout: 60_000 }).toEqual([bobImage]);

  const bobSees = await bob.gallery();
  expect(ids(bobSees.pending)).toEqual([]);
  expect(ids(bobSees.failed)).toEqual([]);

  // nor can Bob open Alice's image by its URL; Alice can
  const aliceItem = (await alice.gallery()).items[0]!;
  expect((await bob.request(aliceItem.url)).status).toBe(404);
  const own = await alice.request(aliceItem.url);
  expect(own.status).toBe(200);
  expect(own.headers.get("content-type")).toBe("image/jpeg");
  await own.arrayBuffer();

  // a third browser, with no images yet, sees an empty gallery
  const carol = visitor();
  await carol.open();
  expect(await carol.gallery()).toEqual({ items: [], pending: [], failed: [] });
}, 90_000);

test("the gallery names no session and no key", async () => {
  const dave = visitor();
  await dave.open();
  await dave.submit("Dave's quiet harbour [mock:stuck]");
  const text = await (await dave.request("/api/demo/gallery")).text();
  const sessionId = dave.cookie()!.split("=")[1]!.split(".")[0]!;
  expect(text).toContain("pending");
  expect(text).not.toContain(sessionId);
  expect(text).not.toContain(KEY);
});

test("a page request without the cookie (a link from another site: SameSite=Strict) keeps the session", async () => {
  const erin = visitor();
  await erin.open();
  const session = erin.cookie();
  const id = await erin.submit("Erin's lantern [mock:stuck]");

  // the browser withholds a Strict cookie on a cross-site navigation: the page must not hand out a new one
  const arrival = await fetch(`${base}/`);
  await arrival.text();
  expect(arrival.headers.getSetCookie()).toEqual([]);

  // the app's own (same-origin) calls carry the cookie: the same session, the same gallery
  await erin.open();
  expect(erin.cookie()).toBe(session);
  expect(ids((await erin.gallery()).pending)).toEqual([id]);
});
