/**
 * Request headers as any server hands them over: a Fetch `Headers` (Next.js, Hono, edge runtimes), or a plain
 * record such as Node's `IncomingHttpHeaders` (values `string | string[] | undefined`). Names are matched
 * case-insensitively in both forms.
 *
 * @example
 * verifyWebhook({ rawBody, headers: req.headers, secret }); // Fetch Request or Node IncomingMessage
 */
export type WebhookHeaders =
  | Headers
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Every value sent under `name` (case-insensitive); empty when the header is absent. */
export function getHeaderValues(headers: WebhookHeaders, name: string): string[] {
  if (typeof headers.get === "function") {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? [] : [value];
  }
  const wanted = name.toLowerCase();
  const out: string[] = [];
  const record = headers as Readonly<Record<string, string | readonly string[] | number | null | undefined>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
    if (typeof value === "string" || typeof value === "number") out.push(String(value));
    else for (const v of value) out.push(String(v));
  }
  return out;
}

/** The first value sent under `name`, trimmed; `undefined` when absent or blank. */
export function getHeader(headers: WebhookHeaders, name: string): string | undefined {
  for (const value of getHeaderValues(headers, name)) {
    const trimmed = value.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}
