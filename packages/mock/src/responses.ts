/** What the mock decided for one request: a response, or a dropped connection. */
export type MockOutcome =
  { readonly kind: "response"; readonly response: Response } | { readonly kind: "reset" };

/** A JSON response, as FastAPI sends it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** FastAPI's `{ "detail": "…" }` error body. */
export function detail(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { detail: message }, headers);
}

/** One pydantic-v2-style validation issue. */
export interface ValidationIssue {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly input: unknown;
  readonly ctx?: Readonly<Record<string, unknown>>;
}

export function validationError(issues: readonly ValidationIssue[]): Response {
  return json(422, { detail: issues });
}

/** An Azure Blob Storage-style XML error, as BFL's delivery hosts send. */
export function azureError(status: number, code: string, message: string): Response {
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code>` +
    `<Message>${message}\nRequestId:00000000-0000-0000-0000-000000000000\nTime:${new Date().toISOString()}</Message></Error>`;
  return new Response(body, { status, headers: { "content-type": "application/xml" } });
}

/** Returns a copy of `response` whose JSON body is cut short, so `response.json()` throws. */
export async function malformed(response: Response): Promise<Response> {
  const text = await response.text();
  const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return new Response(cut, { status: 200, headers: response.headers });
}
