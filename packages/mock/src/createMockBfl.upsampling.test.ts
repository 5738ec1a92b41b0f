import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

async function renderedPrompt(model: string, input: Record<string, unknown>): Promise<unknown> {
  const api = await loopback({ durationMs: 1000 });
  const submit = await api.submit(model, input);
  expect(submit.status, model).toBe(200);
  await api.advance(1000);
  const ready = await api.get(submit.body["polling_url"] as string);
  expect(ready.body["status"]).toBe("Ready");
  return (ready.body["result"] as Record<string, unknown>)["prompt"];
}

describe("the prompt BFL rendered, in result.prompt (docs/bfl-api.md Part II §4.1)", () => {
  it.each(["flux-2-pro", "flux-2-pro-preview", "flux-2-max"])(
    "%s upsamples by default and renders the prompt as written with disable_pup",
    async (model) => {
      const upsampled = await renderedPrompt(model, { prompt: "a fox" });
      expect(upsampled).toMatch(/^a fox\. .+/);
      expect(await renderedPrompt(model, { prompt: "a fox", disable_pup: true })).toBe("a fox");
    },
  );

  it("[klein] has no upsampler; [flex] follows prompt_upsampling", async () => {
    expect(await renderedPrompt("flux-2-klein-4b", { prompt: "a fox" })).toBe("a fox");
    expect(await renderedPrompt("flux-2-flex", { prompt: "a fox", prompt_upsampling: false })).toBe("a fox");
    expect(await renderedPrompt("flux-2-flex", { prompt: "a fox", prompt_upsampling: true })).not.toBe(
      "a fox",
    );
  });
});
