// A fast BFL-shaped upstream for the benchmark: constant JSON for polls and submits, a 20 MB image that is
// written with backpressure, and scripted error statuses (`id=status-<code>`). With the argument `unique`, each
// submit gets a task id of its own (the store section: every submit binds a new task, as at BFL), else `t1`.
import http from "node:http";
import type { AddressInfo } from "node:net";

const unique = process.argv[2] === "unique";
let submits = 0;

const IMAGE = Buffer.alloc(20 * 1024 * 1024, 7);
const CHUNK = 64 * 1024;

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  if (url.startsWith("/results/")) {
    res.writeHead(200, { "content-type": "image/jpeg", "content-length": IMAGE.length });
    let offset = 0;
    const pump = () => {
      while (offset < IMAGE.length) {
        const end = Math.min(offset + CHUNK, IMAGE.length);
        const ok = res.write(IMAGE.subarray(offset, end));
        offset = end;
        if (!ok) return void res.once("drain", pump);
      }
      res.end();
    };
    return pump();
  }
  const status = /id=status-(\d{3})/.exec(url)?.[1];
  if (status) {
    res.writeHead(Number(status), { "content-type": "application/json", "retry-after": "3" });
    return res.end(JSON.stringify({ detail: `scripted ${status}` }));
  }
  if (req.method === "POST") {
    req.resume();
    req.on("end", () => {
      const id = unique ? `t${++submits}` : "t1";
      const body = `{"id":"${id}","polling_url":"http://${req.headers.host}/v1/get_result?id=${id}","cost":3,"input_mp":0,"output_mp":1}`;
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
    return;
  }
  const body = '{"id":"t1","status":"Pending","result":null,"progress":0.4,"details":null,"preview":null}';
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));

// CPU time so far, for the benchmark's CPU-per-request figure of the `direct` path.
process.on("message", (msg: string) => {
  if (msg === "cpu") {
    const c = process.cpuUsage();
    process.send?.({ cpu: c.user + c.system });
  }
});
