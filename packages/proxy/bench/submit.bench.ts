// CPU time of the engine's part of one submit, in process: route, body parse, validation, plan, the upstream
// answer's rewrite and the polling token, with an in-memory upstream and no sockets (what run.ts's throughput
// figures cannot separate from Node's HTTP stack and the kernel). CPU time, not wall time, so other work on the
// machine moves it less. Absolute figures under tsx include its `keepNames` wrappers; compare runs, not
// machines.
// Run: npx tsx --conditions=@flux-kit/source bench/submit.bench.ts
import { createEngine } from "../src/engine/createEngine";
import { serveRequest } from "../src/engine/executePlan";
import { resolveConfig } from "../src/engine/resolveConfig";
import type { IncomingMeta } from "../src/engine/types";
import type { Upstream } from "../src/engine/upstream";

const ROUNDS = 9;
const PER_ROUND = 20_000;

const engine = createEngine(
  resolveConfig({
    apiKey: "bfl_bench_key",
    allowAnonymous: true,
    upstream: "http://127.0.0.1:9",
    limits: { maxActiveTasksPerClient: Infinity },
  }),
);
// what bench/upstream.ts answers a submit with
const answer = `{"id":"t1","polling_url":"http://127.0.0.1:9/v1/get_result?id=t1","cost":3,"input_mp":0,"output_mp":1}`;
const upstream: Upstream<undefined, never> = {
  json: () => Promise.resolve({ status: 200, header: () => undefined, text: answer }),
  stream: () => Promise.reject(new Error("no images here")),
};
// run.ts's submit body
const body = new TextEncoder().encode(
  JSON.stringify({ prompt: "a red fox in the snow, golden hour", width: 1024, height: 768 }),
);
const headers: Record<string, string> = {
  host: "127.0.0.1:3000",
  "content-type": "application/json",
  "content-length": String(body.byteLength),
};
const meta = (): IncomingMeta => ({
  method: "POST",
  path: "/api/flux/v1/flux-2-pro",
  query: "",
  header: (name) => headers[name],
  host: headers.host,
  secure: false,
  clientAddress: "127.0.0.1",
  toRequest: () => new Request("http://127.0.0.1:3000/api/flux/v1/flux-2-pro", { method: "POST" }),
});
const readBody = () => Promise.resolve(body);

/** CPU µs per submit over one round. */
async function round(count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const outcome = await serveRequest(engine, meta(), readBody, upstream, undefined);
    if (outcome.type !== "respond" || outcome.response.status !== 200) throw new Error("the submit failed");
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

await round(PER_ROUND); // warm-up
const rounds: number[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round(PER_ROUND));
rounds.sort((a, b) => a - b);
console.log(
  `engine CPU per submit (${ROUNDS} rounds of ${PER_ROUND.toLocaleString("en")}): ` +
    `median ${rounds[Math.floor(ROUNDS / 2)]!.toFixed(1)} µs, min ${rounds[0]!.toFixed(1)} µs`,
);
