// Properties of the rules a hostile client meets across many requests: limits that hold whatever a client polls,
// keys stripped however they are spelled, the API key redacted however an upstream encodes it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFluxProxy } from "../src/index";
import type { ProxyRequestInfo } from "../src/options";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { BASE, get, post, visible } from "./helpers";

const CLIENTS = ["198.51.100.1", "198.51.100.2", "198.51.100.3"] as const;
const LIMIT = 2;

const action = fc.oneof(
  fc.record({ kind: fc.constant("submit" as const), client: fc.nat(CLIENTS.length - 1) }),
  fc.record({
    kind: fc.constant("poll" as const),
    client: fc.nat(CLIENTS.length - 1),
    task: fc.nat(20),
    token: fc.constantFrom("own", "none", "other-task", "forged"),
  }),
);

describe("property: multi-client sessions", () => {
  it("no client ever has more than its limit running at BFL, and nobody ends or reads another's task", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 60 }), async (actions) => {
        const fake = createFakeBfl({
          pollingOrigin: "https://api.eu2.bfl.ai",
          strictPollingOrigin: true,
          pendingPolls: 2,
        });
        const results: { taskId: string; clientId: string }[] = [];
        const proxy = createFluxProxy({
          apiKey: TEST_KEY,
          allowAnonymous: true,
          fetch: fake.fetch,
          limits: { maxActiveTasksPerClient: LIMIT },
          onResult: ({ taskId, clientId }) => void results.push({ taskId, clientId }),
        });
        const tasks: { id: string; owner: number; search: string }[] = [];
        for (const step of actions) {
          const info: ProxyRequestInfo = { clientAddress: CLIENTS[step.client] };
          if (step.kind === "submit") {
            const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), info);
            if (res.status === 200) {
              const body = (await res.json()) as { id: string; polling_url: string };
              tasks.push({ id: body.id, owner: step.client, search: new URL(body.polling_url).search });
            } else {
              expect(res.status).toBe(429);
            }
          } else if (tasks.length > 0) {
            const task = tasks[step.task % tasks.length]!;
            const other = tasks[(step.task + 1) % tasks.length]!;
            const token = new URLSearchParams(task.search).get("t")!;
            const query = {
              own: task.search,
              none: `?id=${task.id}`,
              "other-task": `?id=${task.id}&t=${new URLSearchParams(other.search).get("t")!}`,
              // the task's own signature, moved onto another BFL host
              forged: `?id=${task.id}&t=${Buffer.from("https://api.bfl.ai").toString("base64url")}.${token.split(".")[1]!}`,
            }[step.token];
            const res = await proxy(get(`/v1/get_result${query}`), info);
            const body = (await res.json()) as { status?: string };
            const mayRead = step.client === task.owner && (step.token === "own" || other.id === task.id);
            if (!mayRead) expect(body.status).not.toBe("Ready");
          }
          // BFL's own view: what each client has running never exceeds the limit
          const running = new Set(fake.running());
          for (let c = 0; c < CLIENTS.length; c++) {
            const mine = tasks.filter((t) => t.owner === c && running.has(t.id)).length;
            expect(mine).toBeLessThanOrEqual(LIMIT);
          }
        }
        // onResult once per task, always with its submitter's id
        expect(new Set(results.map((r) => r.taskId)).size).toBe(results.length);
        for (const { taskId, clientId } of results) {
          const owner = tasks.find((t) => t.id === taskId)!.owner;
          expect(clientId).toBe(`ip:${CLIENTS[owner]}`);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  }, 60_000); // many short sessions: generous under a loaded CI machine
});

const PROTOTYPE_WORDS = ["__proto__", "constructor", "prototype"] as const;

/** `word` with each character, at random, written as a JSON `\uXXXX` escape. */
const spelled = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((escape) =>
      Array.from(word, (c, i) =>
        escape[i] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c,
      ).join(""),
    );

/** JSON text of an object whose keys include prototype words, escaped at random, at random depths. */
const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("1", '"x"', "null", "true"),
    tie("object"),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
  ),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...PROTOTYPE_WORDS).chain(spelled), fc.stringMatching(/^[a-z]{1,6}$/)),
        tie("value"),
      ),
      { maxLength: 4 },
    )
    .map((entries) => `{${entries.map(([k, v]) => `"${k}":${v}`).join(",")}}`),
})).object;

function prototypeKeys(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) prototypeKeys(item, found);
  else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if ((PROTOTYPE_WORDS as readonly string[]).includes(key)) found.push(key);
      prototypeKeys((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

describe("property: prototype keys, however spelled", () => {
  it("never reach BFL or onSubmit, and never pollute Object.prototype", async () => {
    const fake = createFakeBfl();
    const inputs: unknown[] = [];
    const proxy = createFluxProxy({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      validate: false,
      fetch: fake.fetch,
      limits: { maxActiveTasksPerClient: Infinity },
      onSubmit: ({ input }) => void inputs.push(input),
    });
    await fc.assert(
      fc.asyncProperty(hostileJson, async (json) => {
        const before = fake.calls.length;
        const res = await proxy(post("/v1/flux-2-pro", `{"prompt":"x","extra":${json}}`));
        expect(res.status).toBe(200);
        const sent = JSON.parse(fake.calls[before]!.body) as unknown;
        expect(prototypeKeys(sent)).toEqual([]);
        expect(prototypeKeys(inputs.at(-1))).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500, seed: 7 },
    );
  }, 60_000);
});

/** The key in one of the forms an upstream might echo it in. */
const encodedKey = fc.oneof(
  fc.constant(TEST_KEY),
  spelled(TEST_KEY),
  fc
    .array(fc.boolean(), { minLength: TEST_KEY.length, maxLength: TEST_KEY.length })
    .map((encode) =>
      Array.from(TEST_KEY, (c, i) => (encode[i] ? `%${c.charCodeAt(0).toString(16)}` : c)).join(""),
    ),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), fc.boolean())
    .map(([before, after, url]) =>
      Buffer.from(`${before}${TEST_KEY}${after}`).toString(url ? "base64url" : "base64"),
    ),
);

describe("property: the key, however an upstream encodes it", () => {
  it("never reaches the client, in the body or in Retry-After", async () => {
    const fake = createFakeBfl();
    const proxy = createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }).filter((s) => !/["\\]/.test(s)),
        encodedKey,
        fc.string({ maxLength: 20 }).filter((s) => !/["\\]/.test(s)),
        fc.constantFrom(401, 403, 422, 429, 500, 503),
        async (before, form, after, status) => {
          fake.script(status, `{"detail":"${before}${form}${after}"}`, { "retry-after": form });
          const res = await proxy(new Request(`${BASE}/v1/get_result?id=a`), { clientAddress: CLIENTS[0] });
          const seen = await visible(res);
          expect(seen).not.toContain(form);
          expect(seen).not.toContain(TEST_KEY);
          const percentDecoded = seen.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          );
          expect(percentDecoded).not.toContain(TEST_KEY);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  }, 60_000);
});
