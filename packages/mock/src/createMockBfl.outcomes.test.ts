import { describe, expect, it } from "vitest";
import { poll, submit, submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";
import { findMarker } from "./markers";

const run = async (prompt: string, options: Parameters<typeof createMockBfl>[0] = {}) => {
  const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: 1000, ...options });
  const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt });
  return { mock, polling_url };
};

describe("scripted outcomes", () => {
  it("[mock:request-moderated] is terminal at once, although the submit returned 200", async () => {
    const { mock, polling_url } = await run("a [mock:request-moderated] scene");
    const body = await poll(mock, polling_url);
    expect(body).toMatchObject({
      status: "Request Moderated",
      result: null,
      details: { "Moderation Reasons": ["Sexual Content"] },
    });
  });

  it("[mock:content-moderated:…] stays Pending, then is moderated with the given reasons", async () => {
    const { mock, polling_url } = await run("[mock:content-moderated:Violence|Derivative Works] a knight");
    expect((await poll(mock, polling_url)).status).toBe("Pending");
    await mock.advance(1000);
    expect(await poll(mock, polling_url)).toMatchObject({
      status: "Content Moderated",
      result: null,
      details: { "Moderation Reasons": ["Violence", "Derivative Works"] },
    });
  });

  it("[mock:error] ends in Error with details", async () => {
    const { mock, polling_url } = await run("[mock:error:GPU fell over] a cat");
    await mock.advance(1000);
    expect(await poll(mock, polling_url)).toMatchObject({
      status: "Error",
      details: { error: "GPU fell over" },
    });
  });

  it("[mock:stuck] stays Pending forever and keeps holding its slot", async () => {
    const { mock, polling_url } = await run("[mock:stuck] a cat", { maxActiveTasks: 1 });
    await mock.advance(24 * 3600_000);
    const body = await poll(mock, polling_url);
    expect(body.status).toBe("Pending");
    expect(body.progress).toBeLessThan(1);
    expect((await submit(mock, "flux-2-pro", { prompt: "next" })).status).toBe(429);
  });

  it("[mock:slow] takes slowFactor times longer", async () => {
    const { mock, polling_url } = await run("[mock:slow] a cat", { slowFactor: 5 });
    await mock.advance(4999);
    expect((await poll(mock, polling_url)).status).toBe("Pending");
    await mock.advance(1);
    expect((await poll(mock, polling_url)).status).toBe("Ready");
  });

  it("[mock:slow:40s] takes exactly that long, divided by speed, whatever slowFactor says", async () => {
    const { mock, polling_url } = await run("[mock:slow:40s] a cat", { slowFactor: 5, speed: 4 });
    await mock.advance(9_999);
    expect((await poll(mock, polling_url)).status).toBe("Pending");
    await mock.advance(1);
    expect((await poll(mock, polling_url)).status).toBe("Ready");
  });

  it("markers can be switched off", async () => {
    const { mock, polling_url } = await run("[mock:request-moderated] literal", { markers: false });
    expect((await poll(mock, polling_url)).status).toBe("Pending");
  });

  it("queueOutcome scripts the next submits in order", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: 10 });
    mock.queueOutcome({ kind: "content-moderated", reasons: ["Hate"] });
    mock.queueOutcome("error");
    const a = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    const b = await submitOk(mock, "flux-2-pro", { prompt: "b" });
    const c = await submitOk(mock, "flux-2-pro", { prompt: "c" });
    await mock.advance(10);
    expect((await poll(mock, a.polling_url)).details).toEqual({ "Moderation Reasons": ["Hate"] });
    expect((await poll(mock, b.polling_url)).status).toBe("Error");
    expect((await poll(mock, c.polling_url)).status).toBe("Ready");
  });

  it("the outcome option decides from the submit", async () => {
    const mock = createMockBfl({
      clock: "manual",
      seed: 1,
      durationMs: 10,
      outcome: ({ prompt, model }) =>
        prompt.includes("cat") && model === "flux-2-pro" ? { kind: "ready", durationMs: 50 } : "error",
    });
    const cat = await submitOk(mock, "flux-2-pro", { prompt: "a cat" });
    const dog = await submitOk(mock, "flux-2-pro", { prompt: "a dog" });
    await mock.advance(10);
    expect((await poll(mock, cat.polling_url)).status).toBe("Pending");
    expect((await poll(mock, dog.polling_url)).status).toBe("Error");
  });

  it("parses markers", () => {
    expect(findMarker("x [mock:stuck] y")).toEqual({ kind: "stuck" });
    expect(findMarker("[MOCK:Error:boom]")).toEqual({ kind: "error", argument: "boom" });
    expect(findMarker("[mock:unknown]")).toBeUndefined();
    expect(findMarker("no marker")).toBeUndefined();
  });
});
