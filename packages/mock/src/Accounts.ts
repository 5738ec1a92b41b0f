import { isWellFormedKey } from "./apiKeyFormat";
import type { MockBflOptions } from "./options";
import { detail } from "./responses";

/**
 * The accepted API keys and each one's credit balance. Keys themselves are never stored with tasks or balances:
 * an account is `key#<index in apiKeys>` (or `anonymous` when auth is off).
 */
export class Accounts {
  readonly apiKeys: readonly string[];
  private readonly balances = new Map<string, number>();

  constructor(private readonly options: MockBflOptions) {
    this.apiKeys = options.apiKeys ?? ["mock-key"];
    this.restore();
  }

  /**
   * The account a request's `x-key` names, or BFL's answer: 403 for no key, 422 `Invalid API key format` for a
   * key failing `apiKeyFormat`, 403 for a well-formed unknown one (any key, or none, when `requireAuth: false`).
   */
  authenticate(request: Request): string | Response {
    const key = request.headers.get("x-key");
    if (this.options.requireAuth === false)
      return key === null ? "anonymous" : (this.accountOf(key) ?? "anonymous");
    if (key === null || key === "") return detail(403, "Not authenticated");
    if (!isWellFormedKey(key, this.options.apiKeyFormat, this.apiKeys))
      return detail(422, "Invalid API key format");
    return this.accountOf(key) ?? detail(403, "Not authenticated - Invalid Authentication");
  }

  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }

  /** Takes `cost` credits from an account (to the cent). */
  charge(account: string, cost: number): void {
    this.balances.set(account, Math.round((this.balance(account) - cost) * 100) / 100);
  }

  /** `mock.setCredits`: one key's balance, or every key's. */
  setCredits(credits: number, apiKey?: string): void {
    if (apiKey === undefined) for (const key of this.accounts()) this.balances.set(key, credits);
    else this.balances.set(this.accountOf(apiKey) ?? apiKey, credits);
  }

  /** `mock.getCredits`: one key's balance (default: the first key's). */
  getCredits(apiKey?: string): number {
    const account = apiKey === undefined ? this.accounts()[0] : this.accountOf(apiKey);
    return (account !== undefined && this.balances.get(account)) || 0;
  }

  /** Gives every account the initial `credits` again. */
  restore(): void {
    this.balances.clear();
    const initial = this.options.credits ?? 10_000;
    for (const account of this.accounts()) this.balances.set(account, initial);
    this.balances.set("anonymous", initial);
  }

  private accounts(): string[] {
    return this.apiKeys.length ? this.apiKeys.map((_, i) => `key#${i}`) : ["anonymous"];
  }

  private accountOf(key: string): string | undefined {
    const index = this.apiKeys.indexOf(key);
    return index === -1 ? undefined : `key#${index}`;
  }
}
