// Three proxy processes share one Redis behind a round-robin loopback balancer in front of the mock: the
// per-client limit, the account cap of 24 with its shared line, `onResult` once per task and the 503s of a Redis
// outage hold across real processes (each its own event loop, connections and memory), as across replicas
// behind a load balancer; no process dies when Redis does, and each serves again once it is back.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetInstanceEnv } from "./fleetInstance";
import { startRedisServer, type RedisServer } from "./redisServer";

const ENTRY = fileURLToPath(new URL("./fleetInstance.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const INSTANCES = 3;
const PER_CLIENT = 2;
const CAP = 24;

/** One proxy process of the fleet. */
interface Instance {
  readonly child: ChildProcess;
  readonly port: number;
  stderr(): string;
  /** The `onError` events it reported (its `fleet-error` lines). */
  errors(): { kind: string; route: string; message: string }[];
  /** Resolves when the process has exited, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The round-robin balancer, and which instance each request went to. */
interface Balancer {
  readonly url: string;
  readonly served: readonly { instance: number; method: string; path: string }[];
  close(): Promise<void>;
}

/** The loopback server `onResult` reports to: POSTs counted per task id. */
interface Recorder {
  readonly url: string;
  readonly counts: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** A task the fleet accepted, with the client that submitted it (only it may poll it). */
interface Task {
  readonly id: string;
  readonly pollingUrl: string;
  readonly user: string;
}

/** The parts of the proxy's (and BFL's) JSON answers the tests read. */
interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: {
    readonly id?: string;
    readonly polling_url?: string;
    readonly status?: string;
    readonly code?: string;
    readonly detail?: string;
    readonly result?: { readonly sample?: string } | null;
  };
}

/** Serves `handler` on a free loopback port; `close` drops open connections too. */
async function listenLoopback(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Counts `onResult`'s POSTs per task id (the body is the id). */
async function startRecorder(): Promise<Recorder> {
  const counts = new Map<string, number>();
  const server = await listenLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const taskId = Buffer.concat(chunks).toString();
      if (req.method === "POST") counts.set(taskId, (counts.get(taskId) ?? 0) + 1);
      res.writeHead(req.method === "POST" ? 204 : 405).end();
    });
  });
  return { ...server, counts };
}

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
];

/** `headers` without the hop-by-hop ones, which belong to one connection only. */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/**
 * A balancer as nginx is set up in front of replicas: each request to the next instance in turn, bodies streamed
 * both ways, `Host` set to the instance's address and the public one sent as `X-Forwarded-Host` (the instances
 * trust loopback hops, so their rewritten URLs point back here).
 */
async function startBalancer(ports: readonly number[]): Promise<Balancer> {
  const served: { instance: number; method: string; path: string }[] = [];
  // a connection per request: a kept-alive one the instance closed as idle (its keepAliveTimeout, 5 s) just as the
  // balancer reused it failed a submit with "socket hang up" on a loaded machine, which a balancer may not retry
  const agent = new http.Agent({ keepAlive: false });
  let turn = 0;
  const server = await listenLoopback((req, res) => {
    const instance = turn++ % ports.length;
    const port = ports[instance]!;
    served.push({ instance, method: req.method ?? "GET", path: req.url ?? "/" });
    const forwarded = http.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.url,
        agent,
        headers: {
          ...endToEnd(req.headers),
          host: `127.0.0.1:${port}`,
          "x-forwarded-host": req.headers.host ?? "",
          "x-forwarded-proto": "http",
          "x-forwarded-for": req.socket.remoteAddress ?? "",
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("instance unreachable");
    });
    // a client that leaves is gone for the instance too
    res.on("close", () => {
      if (!res.writableFinished) forwarded.destroy();
    });
    req.pipe(forwarded);
  });
  return {
    url: server.url,
    served,
    close: async () => {
      await server.close();
      agent.destroy();
    },
  };
}

/**
 * Starts one instance, Node with tsx's loader in one process of its own group, and resolves once it prints its
 * port. Not the `tsx` command: that runs the script in a second process and relays signals to it, and when the
 * script's event loop is busy for 60 ms (a loaded machine) the relay kills it with SIGKILL and exits 143.
 */
function startInstance(env: FleetInstanceEnv): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@flux-kit/source", ENTRY], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...env },
    detached: true,
    // stdin stays open while this process lives: its end tells an orphaned instance to go
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    const check = () => {
      const match = /listening 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (!match) return;
      child.stdout.off("data", check);
      resolve({
        child,
        port: Number(match[1]),
        stderr: () => stderr,
        errors: () =>
          [...stderr.matchAll(/^fleet-error (.*)$/gm)].map(
            (m) => JSON.parse(m[1]!) as { kind: string; route: string; message: string },
          ),
        exited,
      });
    };
    child.stdout.on("data", check);
    void exited.then((exit) =>
      reject(new Error(`an instance exited (${JSON.stringify(exit)}) before listening:\n${stdout}${stderr}`)),
    );
  });
}

/** Sends SIGTERM to an instance's group and waits for it to exit; SIGKILL if it has not within 20 s. */
async function stopInstance(
  instance: Instance,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const group = -instance.child.pid!;
  if (instance.child.exitCode === null && instance.child.signalCode === null) {
    try {
      process.kill(group, "SIGTERM");
    } catch {
      // the group is gone already
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      try {
        process.kill(group, "SIGKILL");
      } catch {
        // gone meanwhile
      }
      resolve();
    }, 20_000);
  });
  await Promise.race([instance.exited, killed]);
  clearTimeout(timer);
  return instance.exited;
}

/** One fleet's environment: its own Redis prefix, the shared mock, recorder and limits, and `extra`. */
function fleetEnv(prefix: string, extra: Partial<FleetInstanceEnv> = {}): FleetInstanceEnv {
  return {
    REDIS_URL: redis.url,
    REDIS_PREFIX: `${prefix}-${randomUUID()}:`,
    UPSTREAM: mock.url,
    DELIVERY_URL: mock.deliveryUrl,
    RECORDER_URL: recorder.url,
    PER_CLIENT_LIMIT: String(PER_CLIENT),
    ACCOUNT_LIMIT: String(CAP),
    QUEUE_WAIT_MS: "60000",
    ...extra,
  };
}

let redis: RedisServer;
let mock: MockServer;
let recorder: Recorder;
let balancer: Balancer;
const instances: Instance[] = [];
/** Instances still starting when a start failed: stopped in `afterAll` too. */
const starting: Promise<Instance>[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  mock = await startMockServer({
    port: 0,
    clock: "manual",
    durationMs: 50,
    credits: 1e6,
    maxRequestLog: 100_000,
  });
  recorder = await startRecorder();
  const env = fleetEnv("fleet");
  for (let i = 0; i < INSTANCES; i++) starting.push(startInstance(env));
  instances.push(...(await Promise.all(starting)));
  balancer = await startBalancer(instances.map((i) => i.port));
}, 120_000);

afterAll(async () => {
  // every instance that started, even when a test (or another start) failed
  const started = await Promise.all(starting.map((s) => s.catch(() => undefined)));
  const exits = await Promise.all(started.filter((i) => i !== undefined).map(stopInstance));
  await balancer?.close();
  await recorder?.close();
  await mock?.close();
  await redis?.stop();
  // SIGTERM is a clean shutdown: the server and the store closed, exit code 0
  for (const exit of exits) expect(exit).toEqual({ code: 0, signal: null });
}, 60_000);

const API = () => `${balancer.url}/api/flux`;

/** Reads a response's status, `Retry-After` and JSON body. */
async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Answer["body"],
  };
}

/** A `flux-2-pro` submit through the balancer (the first fleet's, unless `api` names another) as `user`. */
const submit = async (user: string, api = API()): Promise<Answer> =>
  answerOf(
    await fetch(`${api}/v1/flux-2-pro`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user": user },
      body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
    }),
  );

/** A poll of `task`'s polling URL (it points at the balancer) as `user` (its submitter by default). */
const poll = async (task: Task, user = task.user): Promise<Answer> =>
  answerOf(await fetch(task.pollingUrl, { headers: { "x-user": user } }));

/** The task an accepted submit made. */
function taskOf(answer: Answer, user: string): Task {
  expect(answer.status).toBe(200);
  const { id, polling_url } = answer.body;
  if (id === undefined || polling_url === undefined)
    throw new Error("a submit's 200 without id or polling_url");
  return { id, pollingUrl: polling_url, user };
}

/** Polls `task` once and expects it `Ready` (the mock's clock is past its end), which frees its places. */
async function expectReady(task: Task): Promise<Answer> {
  const answer = await poll(task);
  expect(answer.status).toBe(200);
  expect(answer.body.status).toBe("Ready");
  return answer;
}

/** Ends `tasks` on the mock and polls each to `Ready` through the balancer, so no place stays taken. */
async function finish(tasks: readonly Task[]): Promise<void> {
  await mock.mock.advance(100);
  await Promise.all(tasks.map(expectReady));
}

/** The mock's log of submits from `since` (an index into its request log) on. */
const mockSubmits = (since: number) => mock.mock.requests.slice(since).filter((r) => r.route === "submit");

/** Tasks the mock is running now (by its clock). */
const activeAtMock = () => mock.mock.tasks.filter((t) => t.finishesAt > mock.mock.now()).length;

/** Whether every instance process is still running. */
const allAlive = () => instances.every((i) => i.child.exitCode === null && i.child.signalCode === null);

describe("three proxy processes sharing Redis behind a balancer", () => {
  it(
    "accept exactly the per-client limit: 100 parallel submits from 10 clients at 2 each → 20",
    { timeout: 60_000 },
    async () => {
      const since = mock.mock.requests.length;
      const users = Array.from({ length: 10 }, (_, i) => `a-u${i}`);
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => submit(users[i % 10]!)));
      const accepted = answers.flatMap((a, i) => (a.status === 200 ? [taskOf(a, users[i % 10]!)] : []));
      expect(accepted).toHaveLength(20);
      // two per client, whichever instances took them
      for (const user of users) expect(accepted.filter((t) => t.user === user)).toHaveLength(PER_CLIENT);
      const refused = answers.filter((a) => a.status !== 200);
      expect(refused).toHaveLength(80);
      for (const answer of refused) {
        expect(answer.status).toBe(429);
        expect(answer.body.code).toBe("client_limit");
        expect(answer.body.detail).toBe(
          `Too many images in progress for this user (limit ${PER_CLIENT}). Wait for one to finish.`,
        );
        expect(answer.retryAfter).toBe("5");
      }
      // the requests went round the three instances, and the polling URLs point back at the balancer
      expect(new Set(balancer.served.slice(-100).map((s) => s.instance))).toEqual(new Set([0, 1, 2]));
      for (const task of accepted) expect(new URL(task.pollingUrl).origin).toBe(balancer.url);
      // the refused 80 never reached BFL
      expect(mockSubmits(since)).toHaveLength(20);
      expect(mockSubmits(since).every((r) => r.status === 200)).toBe(true);

      await finish(accepted);
      for (const instance of instances) expect(instance.errors()).toEqual([]);
    },
  );

  it(
    "run 200 submits at the account cap of 24: all run, none refused, the mock sees at most 24 active and serves zero 429",
    { timeout: 120_000 },
    async () => {
      const TOTAL = 200;
      const since = mock.mock.requests.length;
      const accepted: Task[] = [];
      // 100 clients × 2: the per-client limit is not what holds them back
      const statuses = Promise.all(
        Array.from({ length: TOTAL }, async (_, i) => {
          const user = `b-u${i % 100}`;
          const answer = await submit(user);
          if (answer.status === 200) accepted.push(taskOf(answer, user));
          return answer.status;
        }),
      );
      let polled = 0;
      let rounds = 0;
      // each round: the fleet fills every free place from its shared line, the mock ends those tasks, and each is
      // polled (through whichever instance the balancer picks), freeing its place for the next waiting submit
      while (polled < TOTAL) {
        expect(rounds, "rounds").toBeLessThan(Math.ceil(TOTAL / CAP));
        await expect
          .poll(() => accepted.length, { timeout: 30_000 })
          .toBeGreaterThanOrEqual(Math.min(TOTAL, polled + CAP));
        expect(accepted.length - polled, "active at once").toBeLessThanOrEqual(CAP);
        expect(activeAtMock(), "active at the mock").toBeLessThanOrEqual(CAP);
        const batch = accepted.slice(polled);
        await finish(batch);
        polled += batch.length;
        rounds++;
      }
      expect(await statuses).toEqual(Array.from({ length: TOTAL }, () => 200));
      expect(rounds).toBe(Math.ceil(TOTAL / CAP));
      expect(mockSubmits(since)).toHaveLength(TOTAL);
      expect(mockSubmits(since).filter((r) => r.status !== 200)).toEqual([]);
      for (const instance of instances) expect(instance.errors()).toEqual([]);
    },
  );

  it(
    "run onResult exactly once per task when its Ready poll reaches every process at once",
    { timeout: 60_000 },
    async () => {
      const tasks = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const user = `c-u${i % 3}`;
          return taskOf(await submit(user), user);
        }),
      );
      await mock.mock.advance(100);
      // another client's poll is "Task not found" on any instance, and runs no hook
      for (let i = 0; i < INSTANCES; i++) {
        const foreign = await poll(tasks[0]!, "c-intruder");
        expect(foreign.body.status).toBe("Task not found");
      }
      expect(recorder.counts.get(tasks[0]!.id)).toBeUndefined();
      // nine polls of each task at once, spread over the three instances by the balancer
      const first = balancer.served.length;
      const polls = await Promise.all(
        tasks.flatMap((task) => Array.from({ length: 9 }, async () => ({ task, answer: await poll(task) }))),
      );
      for (const { answer } of polls) {
        expect(answer.status).toBe(200);
        expect(answer.body.status).toBe("Ready");
        expect(answer.body.result?.sample).toMatch(new RegExp(`^${balancer.url}/api/flux/v1/image\\?u=`));
      }
      for (const task of tasks) {
        const reached = balancer.served.slice(first).filter((s) => s.path.includes(`id=${task.id}`));
        expect(reached).toHaveLength(9);
        expect(new Set(reached.map((s) => s.instance))).toEqual(new Set([0, 1, 2]));
        expect(recorder.counts.get(task.id), task.id).toBe(1);
      }
      // polled again later, on every instance: still once
      for (const task of tasks) for (let i = 0; i < INSTANCES; i++) await expectReady(task);
      // and once for every task of the whole run so far
      expect([...recorder.counts.values()].filter((n) => n !== 1)).toEqual([]);
      for (const instance of instances) expect(instance.errors()).toEqual([]);
    },
  );

  it(
    "answer 503 with the documented detail while Redis is down, keep every process alive, and serve again once it is back",
    { timeout: 90_000 },
    async () => {
      const before = await Promise.all(
        ["d-before-0", "d-before-1"].map(async (user) => taskOf(await submit(user), user)),
      );
      const errorsBefore = instances.map((i) => i.errors().length);

      await redis.stop();
      // one submit per instance (the balancer takes them in turn): each refuses what it cannot check
      const first = balancer.served.length;
      const refused = [];
      for (let i = 0; i < INSTANCES; i++) refused.push(await submit(`d-down-${i}`));
      expect(new Set(balancer.served.slice(first).map((s) => s.instance))).toEqual(new Set([0, 1, 2]));
      for (const answer of refused) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe("5");
        expect(answer.body.code).toBe("store_unavailable");
        expect(answer.body.detail).toBe(
          "The proxy cannot reach its state store, so it cannot check this request's limits or ownership right now. Try again in a few seconds.",
        );
      }
      // a running task's poll needs no store (its polling URL's token names its submitter): answered as BFL does
      for (const task of before) {
        const running = await poll(task);
        expect(running.status).toBe(200);
        expect(running.body.status).toBe("Pending");
      }
      // a poll without its token cannot be checked for ownership: refused
      const tokenless = await answerOf(
        await fetch(`${API()}/v1/get_result?id=${before[0]!.id}`, { headers: { "x-user": before[0]!.user } }),
      );
      expect(tokenless.status).toBe(503);
      expect(tokenless.body.code).toBe("store_unavailable");
      // a task that ended while Redis is down: its hook cannot be claimed, so it is not run, and the poll is a 503
      await mock.mock.advance(100);
      for (const task of before) {
        const down = await poll(task);
        expect(down.status).toBe(503);
        expect(down.body.code).toBe("store_unavailable");
        expect(recorder.counts.get(task.id)).toBeUndefined();
      }
      expect(allAlive()).toBe(true);
      // each instance said so: store errors only, and the store's one console line for the outage
      instances.forEach((instance, i) => {
        const during = instance.errors().slice(errorsBefore[i]);
        expect(during.length).toBeGreaterThan(0);
        expect(during.every((e) => e.kind === "store")).toBe(true);
        expect(instance.stderr().match(/Redis is unreachable/g)).toHaveLength(1);
      });

      await redis.start();
      // the clients reconnect by themselves (with backoff): three submits in a row, one per instance, all accepted
      const after: Task[] = [];
      let attempt = 0;
      await expect
        .poll(
          async () => {
            const statuses = [];
            for (let i = 0; i < INSTANCES; i++) {
              const user = `d-after-${attempt++}`;
              const answer = await submit(user);
              if (answer.status === 200) after.push(taskOf(answer, user));
              statuses.push(answer.status);
            }
            return statuses;
          },
          { timeout: 30_000 },
        )
        .toEqual([200, 200, 200]);
      // a task submitted before the outage is still its submitter's (its polling URL's token says so), and its
      // hook runs now, once
      for (const task of before) {
        await expect.poll(async () => (await poll(task)).body.status, { timeout: 30_000 }).toBe("Ready");
        expect(recorder.counts.get(task.id)).toBe(1);
      }
      await finish(after);
      expect(after.every((task) => recorder.counts.get(task.id) === 1)).toBe(true);
      expect(allAlive()).toBe(true);
    },
  );
});

describe("three proxy processes with webhooks behind a balancer", () => {
  let hooked: Balancer;
  /** The instance ports behind `hooked`: known only once they listen, after the balancer (their webhook URL). */
  const ports: number[] = [];

  beforeAll(async () => {
    hooked = await startBalancer(ports);
    const env = fleetEnv("fleet-hooks", {
      WEBHOOK_URL: `${hooked.url}/api/flux/v1/webhook`,
      WEBHOOK_SECRET: `fleet-webhook-secret-${randomUUID()}`,
    });
    const started = Array.from({ length: INSTANCES }, () => startInstance(env));
    // stopped with the others in afterAll, even when a start fails
    starting.push(...started);
    for (const instance of await Promise.all(started)) ports.push(instance.port);
  }, 120_000);

  afterAll(() => hooked?.close());

  it(
    "answer a poll on any process from a webhook delivered to another, with no poll reaching BFL",
    { timeout: 60_000 },
    async () => {
      const since = mock.mock.requests.length;
      const submitted = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const user = `w-u${i % 3}`;
          return taskOf(await submit(user, `${hooked.url}/api/flux`), user);
        }),
      );
      const ids = new Set(submitted.map((t) => t.id));
      for (const task of submitted) expect(new URL(task.pollingUrl).origin).toBe(hooked.url);
      // awaiting its webhook, a task is Pending on every instance, from the store
      for (const task of submitted) expect((await poll(task)).body.status).toBe("Pending");

      // the mock ends the tasks and posts each outcome to the balancer, which hands it to one instance
      const firstServed = hooked.served.length;
      await mock.mock.advance(100);
      await expect
        .poll(() => mock.mock.webhooks.filter((w) => ids.has(w.taskId) && w.delivered).length, {
          timeout: 30_000,
        })
        .toBe(ids.size);
      const deliveries = hooked.served.slice(firstServed).filter((s) => s.path === "/api/flux/v1/webhook");
      expect(deliveries).toHaveLength(ids.size);
      expect(new Set(deliveries.map((d) => d.instance)).size).toBeGreaterThan(1);

      // each task polled once on every instance: two of the three are not the one its delivery reached
      for (const task of submitted) {
        const fromPolls = hooked.served.length;
        for (let i = 0; i < INSTANCES; i++) {
          const answer = await poll(task);
          expect(answer.body.status).toBe("Ready");
          expect(answer.body.result?.sample).toMatch(new RegExp(`^${hooked.url}/api/flux/v1/image\\?u=`));
        }
        expect(new Set(hooked.served.slice(fromPolls).map((s) => s.instance))).toEqual(new Set([0, 1, 2]));
        expect(recorder.counts.get(task.id), task.id).toBe(1);
      }
      // BFL was never polled for them: the deliveries answered every poll
      const upstreamPolls = mock.mock.requests
        .slice(since)
        .filter((r) => r.route === "poll" && r.taskId !== undefined && ids.has(r.taskId));
      expect(upstreamPolls).toEqual([]);
    },
  );
});
