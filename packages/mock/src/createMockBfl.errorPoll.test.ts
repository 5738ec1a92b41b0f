import { createFluxClient, FluxGenerationError } from "@flux-kit/core";
import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

describe("a failed task's poll with an error status (docs/bfl-api.md Part II §2.4, §8.3)", () => {
  it("answers 200 by default and errorPollStatus (422) on request, with the same task body", async () => {
    for (const [errorPollStatus, expected] of [
      [undefined, 200],
      [422, 422],
    ] as const) {
      const api = await loopback({ durationMs: 1000, ...(errorPollStatus && { errorPollStatus }) });
      const submit = await api.submit("flux-2-pro", {
        prompt: "[mock:error:Invalid or corrupted image input] a fox",
      });
      await api.advance(1000);
      const poll = await api.get(submit.body["polling_url"] as string);
      expect(poll.status).toBe(expected);
      expect(poll.body).toMatchObject({ status: "Error", details: expect.anything() as unknown });
    }
  });

  it("core's client reads the 422 as the task's failure, not a bad request", async () => {
    const api = await loopback({ durationMs: 1000, errorPollStatus: 422 });
    const flux = createFluxClient({ apiKey: "mock-key", baseUrl: api.server.url });
    const job = await flux.submit("flux-2-pro", { prompt: "[mock:error] a fox" });
    await api.advance(1000);
    const snapshot = await flux.getResult(job);
    expect(snapshot.terminal).toBe(true);
    expect(snapshot.error).toBeInstanceOf(FluxGenerationError);
  });
});
