import { describe, expect, it } from "vitest";
import { BASE, submitOk } from "../test/helpers";
import { loopback } from "../test/loopback";
import { createMockBfl } from "./createMockBfl";

const NOT_FOUND = { detail: "Task not found" };

async function submitted(options: Parameters<typeof loopback>[0]) {
  const api = await loopback(options);
  const res = await api.submit("flux-2-pro", { prompt: "a lighthouse" });
  const { id, polling_url } = res.body as { id: string; polling_url: string };
  return { api, id, pollingUrl: polling_url, guessed: `${api.server.url}/v1/get_result?id=${id}` };
}

describe("regional polling hosts (docs/bfl-api.md Part II §8.3)", () => {
  it("answers a poll on the wrong host with HTTP 404 whenever polls have their own listener", async () => {
    const { api, pollingUrl, guessed } = await submitted({ pollingPort: 0 });
    expect(pollingUrl.startsWith(api.server.pollingUrl)).toBe(true);
    expect((await api.get(pollingUrl)).body).toMatchObject({ status: "Pending" });
    const wrong = await api.get(guessed);
    expect([wrong.status, wrong.body]).toEqual([404, NOT_FOUND]);
  });

  it("keeps answering an unknown id on the polling host with 200 Task not found", async () => {
    const { api } = await submitted({ pollingPort: 0 });
    const unknown = await api.get(
      `${api.server.pollingUrl}/v1/get_result?id=00000000-0000-4000-8000-000000000000`,
    );
    expect([unknown.status, unknown.body.status]).toEqual([200, "Task not found"]);
  });

  it('offers the old 200 Task not found ("task-not-found") and no check at all (false)', async () => {
    const legacy = await submitted({ pollingPort: 0, strictPollingOrigin: "task-not-found" });
    const answer = await legacy.api.get(legacy.guessed);
    expect([answer.status, answer.body.status]).toEqual([200, "Task not found"]);

    const lenient = await submitted({ pollingPort: 0, strictPollingOrigin: false });
    const served = await lenient.api.get(lenient.guessed);
    expect([served.status, served.body.status]).toEqual([200, "Pending"]);
  });

  it("serves polls on the API origin when there is no separate polling host", async () => {
    const { api, pollingUrl, guessed } = await submitted({});
    expect(pollingUrl).toBe(guessed);
    expect((await api.get(guessed)).status).toBe(200);
  });

  it("applies the same rule in-process to a configured pollingOrigin", async () => {
    const mock = createMockBfl({ seed: 1, pollingOrigin: "https://api.eu2.bfl.ai" });
    const { id, polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    expect(polling_url).toBe(`https://api.eu2.bfl.ai/v1/get_result?id=${id}`);
    expect((await mock.fetch(polling_url)).status).toBe(200);
    const global = await mock.fetch(`${BASE}/v1/get_result?id=${id}`);
    expect([global.status, await global.json()]).toEqual([404, NOT_FOUND]);
  });
});
