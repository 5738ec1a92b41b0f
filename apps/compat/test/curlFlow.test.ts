// BFL's own integration guide (the seed skill): `curl -X POST …/v1/flux-2-pro -H "x-key: …" -d '{…}'`, then poll
// the returned polling_url, then download result.sample; here against the proxy, as a server-side script would.
import { afterEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function run(model: string, body: Record<string, unknown>) {
  const submit = await fetch(`${stack!.base}/v1/${model}`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", "x-key": "ignored-by-proxy" },
    body: JSON.stringify(body),
  });
  expect(submit.status).toBe(200);
  const { polling_url } = (await submit.json()) as { polling_url: string };
  const statuses: string[] = [];
  for (;;) {
    const poll = (await (
      await stack!.fetch(polling_url, { headers: { accept: "application/json" } })
    ).json()) as {
      status: string;
      result?: { sample: string };
    };
    statuses.push(poll.status);
    if (poll.status === "Ready") return { sample: poll.result!.sample, statuses };
    expect(["Pending", "Reasoning", "Generating"]).toContain(poll.status);
  }
}

describe("BFL's curl flow through @flux-kit/proxy", () => {
  it("FLUX.2 [pro]: submit, poll, download", async () => {
    stack = await startStack();
    const { sample } = await run("flux-2-pro", { prompt: "a cat on a windowsill", width: 1024, height: 768 });
    const image = await fetch(sample);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toMatch(/^image\//);
  });

  it("FLUX 3 Image: Reasoning, then Generating, then Ready", async () => {
    stack = await startStack();
    const { sample, statuses } = await run("flux-3-image", {
      prompt: "a lighthouse at dusk",
      resolution: "1k",
    });
    expect(statuses.at(-1)).toBe("Ready");
    expect(statuses).toEqual(expect.arrayContaining(["Reasoning", "Generating"]));
    expect(statuses.indexOf("Reasoning")).toBeLessThan(statuses.indexOf("Generating"));
    const image = await fetch(sample);
    expect(image.status).toBe(200);
  });

  it("FLUX 3 Image: a seed carried over from FLUX.2 is refused by the proxy before BFL, naming the field", async () => {
    stack = await startStack();
    const submit = await fetch(`${stack.base}/v1/flux-3-image`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a lighthouse", seed: 42 }),
    });
    expect(submit.status).toBe(422);
    const body = (await submit.json()) as { detail: { loc: string[]; type: string }[] };
    expect(body.detail).toEqual([
      expect.objectContaining({ loc: ["body", "seed"], type: "extra_forbidden" }),
    ]);
    expect(stack.mock.mock.requests.filter((r) => r.route === "submit")).toHaveLength(0);
  });
});
