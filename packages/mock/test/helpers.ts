import type { MockBfl } from "../src/index";

export const BASE = "https://api.bfl.ai";
export const KEY = "mock-key";

/** POSTs a submit to the in-process mock. */
export function submit(
  mock: MockBfl,
  model: string,
  body: unknown,
  key: string | null = KEY,
  base = BASE,
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers["x-key"] = key;
  return mock.fetch(`${base}/v1/${model}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface SubmitBody {
  id: string;
  polling_url: string;
  cost: number | null;
  input_mp: number | null;
  output_mp: number | null;
}

export async function submitOk(mock: MockBfl, model: string, body: unknown, key = KEY): Promise<SubmitBody> {
  const res = await submit(mock, model, body, key);
  if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as SubmitBody;
}

export interface PollBody {
  id: string;
  status: string;
  result: {
    sample: string;
    prompt: string;
    seed: number;
    start_time: number;
    end_time: number;
    duration: number;
  } | null;
  progress: number | null;
  details: unknown;
  preview: unknown;
}

export async function poll(mock: MockBfl, url: string, key: string | null = KEY): Promise<PollBody> {
  const res = await mock.fetch(url, { headers: key === null ? {} : { "x-key": key } });
  if (res.status !== 200) throw new Error(`poll failed: ${res.status}`);
  return (await res.json()) as PollBody;
}
