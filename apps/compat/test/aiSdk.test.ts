// The Vercel AI SDK's BFL provider (`@ai-sdk/black-forest-labs`, a client no one here wrote) pointed at the
// proxy as if it were BFL. docs/bfl-api.md §9 describes what it sends and reads.
import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { generateImage } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack";

// the SDK's own switch for its console warnings: the tests read them from each result instead
(globalThis as { AI_SDK_LOG_WARNINGS?: false }).AI_SDK_LOG_WARNINGS = false;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** The provider with the proxy as its base URL. Its key is not BFL's: the proxy sends its own upstream. */
const providerFor = (stack: Stack) =>
  createBlackForestLabs({
    baseURL: `${stack.base}/v1`,
    fetch: stack.fetch,
    apiKey: "not-the-bfl-key",
    pollIntervalMillis: 20,
    pollTimeoutMillis: 60_000,
  });

describe("the AI SDK's BFL provider through @flux-kit/proxy", () => {
  it("generates a FLUX.2 [pro] image: submit, poll the proxy's polling URL, download through its image route", async () => {
    stack = await startStack();
    const bfl = providerFor(stack);
    const { image, providerMetadata, warnings } = await generateImage({
      model: bfl.image("flux-2-pro"),
      prompt: "a red fox in snow",
      size: "1024x768",
    });
    // BFL takes a ratio, so the provider turns the size into one and says so
    expect(warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "size" })]);
    expect(image.mediaType).toBe("image/jpeg");
    expect(image.uint8Array.subarray(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    // the provider read the submit's cost through the proxy (FLUX.2 charges at submit)
    expect(JSON.stringify(providerMetadata)).toMatch(/"cost":\d/);
    const routes = stack.mock.mock.requests.map((r) => r.route);
    expect(routes.filter((r) => r === "submit")).toHaveLength(1);
    expect(routes).toContain("poll");
    // the upstream got the proxy's key, never the one the SDK sent
    const submit = stack.mock.mock.requests.find((r) => r.route === "submit");
    expect(JSON.stringify(submit)).not.toContain("not-the-bfl-key");
  });

  it("edits with Kontext (deprecated by BFL, still served) from an input image", async () => {
    stack = await startStack();
    const bfl = providerFor(stack);
    const { image } = await generateImage({
      model: bfl.image("flux-kontext-pro"),
      prompt: { text: "make it night", images: ["https://example.com/in.png"] },
      aspectRatio: "3:2",
    });
    expect(image.uint8Array.length).toBeGreaterThan(100);
  });

  it("FLUX 3: the proxy takes its submit, but this client cannot read FLUX 3's Reasoning status", async () => {
    stack = await startStack();
    const bfl = providerFor(stack);
    // Its poll schema knows Pending, Ready, Error, Failed and Request Moderated only (docs/bfl-api.md §9), so the
    // first Reasoning answer fails its validation: a limit of that client, pinned here so a fix upstream shows.
    const failure = await generateImage({
      model: bfl.image("flux-3-image"),
      prompt: "a lighthouse at dusk",
      aspectRatio: "16:9",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as { cause?: unknown }).cause)).toMatch(/"status":"Reasoning"/);
    const submit = stack.mock.mock.requests.find((r) => r.route === "submit");
    expect(submit?.status).toBe(200); // its body fits FLUX 3's strict schema: prompt and aspect_ratio only
  });
});
