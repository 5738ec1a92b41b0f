import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page, Response as PlaywrightResponse } from "playwright-core";
import { launchBrowser, recordingContext, type RecordingContext } from "./browser";
import { startApp, TEST_KEY, type RunningApp } from "./startApp";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const runtimes = [
  { runtime: "Node", page: "/", api: "/api/flux", prompt: "A lighthouse on a cliff at dusk, 35 mm photo" },
  { runtime: "Edge", page: "/edge", api: "/api/flux-edge", prompt: "A red fox in fresh snow, morning light" },
] as const;

describe.each(runtimes)("the $runtime runtime ($api)", ({ page: path, api, prompt }) => {
  let recording: RecordingContext;
  let page: Page;
  const isApi = (url: string, route: string) => new URL(url).pathname === `${api}/v1/${route}`;

  beforeAll(async () => {
    recording = await recordingContext(browser);
    page = await recording.context.newPage();
  });

  afterAll(async () => {
    await recording?.context.close();
  });

  async function generate(): Promise<PlaywrightResponse> {
    await page.getByLabel("Prompt", { exact: true }).fill(prompt);
    const submitted = page.waitForResponse(
      (r) => r.request().method() === "POST" && isApi(r.url(), "flux-2-pro"),
    );
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    return submitted;
  }

  test("signed out, the page offers a sign-in button, and a submit asks to sign in", async () => {
    await page.goto(`${app.url}${path}`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    const refused = await generate();
    expect(refused.status()).toBe(401);
    // soft: the body's code and the message are separate promises (the proxy's, and core/ui's)
    expect.soft(await refused.json()).toMatchObject({ code: "unauthenticated" });
    const failed = page.locator(".flux-viewer[data-state=failed]");
    // the failure views load on demand: until they have, the viewer shows a generic heading
    await failed
      .getByText(/sign in/i)
      .first()
      .waitFor();
    expect.soft(await failed.innerText()).not.toMatch(/API key/i);
  });

  test("signed in: type a prompt, Generate, and the image is ready", async () => {
    if (!page.url().startsWith(app.url)) await page.goto(`${app.url}${path}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/^Signed in as user-/).waitFor();
    expect((await generate()).status()).toBe(200);
    const image = page.locator(".flux-viewer[data-state=ready] img.flux-image");
    await image.waitFor({ timeout: 45_000 });
    expect(await image.getAttribute("alt")).toBe(`Generated image: ${prompt}`);
    // the mock renders a real JPEG: it decodes to real pixels
    const width = await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(width).toBeGreaterThan(0);
  });

  // A packed-tarball trial saw each finished image fetched twice at once: the viewer's <img> and the kept
  // history's read of its bytes, both through the image route to BFL's delivery host.
  test("the finished image is fetched from the delivery host once, with the history keeping its bytes", async () => {
    const history = page.getByRole("region", { name: "Your images" });
    await history.getByRole("button", { name: `Show image: ${prompt}` }).waitFor();
    // the history stored the bytes it read (its list shows the kept entry), and the viewer shows them
    await page.waitForFunction(async () => {
      const count = (name: string) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open(name);
          open.onerror = () => resolve(0);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("images")) return resolve(0);
            const request = db.transaction("images", "readonly").objectStore("images").count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve(0);
          };
        });
      const names = (await indexedDB.databases()).map((d) => d.name ?? "");
      return (await Promise.all(names.map(count))).some((n) => n > 0);
    });
    await recording.settled();
    const ready = recording.responses
      .filter((r) => isApi(r.url, "get_result"))
      .map((r) => JSON.parse(r.body) as { status?: string; result?: { sample?: string } })
      .find((body) => body.status === "Ready");
    // the sample is the image route's URL of the delivery URL
    const delivery = new URL(
      new URL(ready?.result?.sample ?? "missing:").searchParams.get("u") ?? "missing:",
    );
    const deliveries = app.mock.mock.requests.filter(
      (r) => r.route === "delivery" && new URL(r.url).pathname === delivery.pathname,
    );
    expect(deliveries.map((r) => r.method)).toEqual(["GET"]);
  });

  test("the polling and image URLs point back at the app's own host (not its bind address)", async () => {
    await recording.settled();
    const submit = recording.responses.find((r) => r.status === 200 && isApi(r.url, "flux-2-pro"));
    expect(submit, "the submit's response").toBeDefined();
    const pollingUrl = new URL((JSON.parse(submit!.body) as { polling_url: string }).polling_url);
    expect(pollingUrl.host).toBe(app.host);
    expect(pollingUrl.pathname).toBe(`${api}/v1/get_result`);

    const polls = recording.responses.filter((r) => isApi(r.url, "get_result"));
    const ready = polls
      .map((r) => JSON.parse(r.body) as { status?: string; result?: { sample?: string } })
      .find((body) => body.status === "Ready");
    const sample = new URL(ready?.result?.sample ?? "missing:");
    expect(sample.host).toBe(app.host);
    expect(sample.pathname).toBe(`${api}/v1/image`);
    expect(recording.requests.some((r) => isApi(r.url, "image"))).toBe(true);

    // every request the browser sent went to the app's host: none to localhost, 0.0.0.0 or 127.0.0.1
    const hosts = new Set(
      recording.requests.filter((r) => /^https?:/.test(r.url)).map((r) => new URL(r.url).host),
    );
    expect([...hosts]).toEqual([app.host]);
  });

  test("the API key is in no response the browser received, nor in the page or its storage", async () => {
    await recording.settled();
    expect(recording.responses.some((r) => isApi(r.url, "image") && r.status === 200)).toBe(true);
    for (const response of recording.responses) {
      expect(response.headers, response.url).not.toContain(TEST_KEY);
      expect(response.body, response.url).not.toContain(TEST_KEY);
    }
    expect(await page.content()).not.toContain(TEST_KEY);
    expect(JSON.stringify(await recording.context.storageState())).not.toContain(TEST_KEY);
    expect(app.output()).not.toContain(TEST_KEY);
  });
});

// Hydration's re-render wrote the form's empty state over a prompt typed before the page's script ran: the text
// vanished and Generate sent nothing (a slow network, or a test that types as soon as the page shows).
test("a prompt typed before the page's script runs is kept, and Generate sends it", async () => {
  const { context } = await recordingContext(browser);
  try {
    const page = await context.newPage();
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(`${app.url}/`, { waitUntil: "commit" });
    const prompt = page.getByLabel("Prompt", { exact: true });
    const generate = page.getByRole("button", { name: "Generate", exact: true });
    await prompt.fill("A lighthouse typed early");
    expect(await generate.isDisabled()).toBe(true);

    release();
    const submitted = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/flux/v1/flux-2-pro",
    );
    // the click waits for hydration to enable the button
    await generate.click();
    const response = await submitted;
    expect(response.request().postDataJSON()).toMatchObject({ prompt: "A lighthouse typed early" });
    expect(response.status()).toBe(401);
    expect(await prompt.inputValue()).toBe("A lighthouse typed early");
  } finally {
    await context.close();
  }
});
