import type { MockContext } from "../MockContext";
import { json } from "../responses";

/** `GET /v1/credits`: the balance of the request's key. */
export function answerCredits(ctx: MockContext, request: Request): Response {
  const account = ctx.accounts.authenticate(request);
  if (account instanceof Response) return account;
  return json(200, { credits: ctx.accounts.balance(account) });
}
