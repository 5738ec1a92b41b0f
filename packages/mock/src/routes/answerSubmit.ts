import { validateInput, type ModelDefinition } from "@flux-kit/core";
import { fastApiValidationBody } from "@flux-kit/core/internal";
import type { MockContext, RequestOrigins } from "../MockContext";
import { costReport } from "../costReport";
import { submitCost } from "../pricing";
import { readJsonBody, unreadableBody } from "../readJsonBody";
import { detail, json } from "../responses";
import { scheduleWebhook } from "../scheduleWebhook";
import { computeSizing } from "../sizing";
import { checkConcurrency } from "./checkConcurrency";
import { checkOutpainting } from "./checkOutpainting";
import { newTask } from "./newTask";

/**
 * `POST /v1/{model}`: reads the body as FastAPI does (malformed JSON is 422 before auth), authenticates, validates with core's schema, prices the request, checks credits and the
 * active-task limits, then creates and bills the task and answers `{id, polling_url, cost, …}` (or the webhook
 * shapes). Nothing is created or charged when any check fails.
 */
export async function answerSubmit(
  ctx: MockContext,
  request: Request,
  url: URL,
  model: ModelDefinition,
  origins: RequestOrigins,
  entry: { taskId?: string },
): Promise<Response> {
  const body = await readJsonBody(request, ctx.options.strictContentType ?? false);
  if (body instanceof Response) return body;
  const account = ctx.accounts.authenticate(request);
  if (account instanceof Response) return account;
  if (body.kind !== "json") return unreadableBody(body);
  const checked = validateInput(model, body.value);
  if (!checked.success) return json(422, fastApiValidationBody(checked.issues));
  const data = checked.data as Record<string, unknown>;
  if (model.id === "flux-tools/outpainting-v1") {
    const misfit = checkOutpainting(data);
    if (misfit) return misfit;
  }

  const sizing = computeSizing(model, data);
  const cost = submitCost(ctx.options.pricing, model, data, sizing);
  const balance = ctx.accounts.balance(account);
  if (balance < cost) {
    return detail(
      402,
      `Insufficient credits: this request costs ${cost} credits but the balance is ${balance}.`,
    );
  }
  const limited = checkConcurrency(ctx, account, model);
  if (limited) return limited;

  const task = newTask(ctx, { account, model, data, sizing, cost });
  ctx.accounts.charge(account, cost);
  ctx.tasks.add(task);
  entry.taskId = task.id;
  if (task.webhookUrl) scheduleWebhook(ctx, task, url, origins);

  const reported = costReport(ctx.options, model) === "submit";
  const pollingUrl = `${origins.pollingOrigin ?? url.origin}${origins.basePath}/v1/get_result?id=${task.id}`;
  const money = {
    cost: reported ? cost : null,
    input_mp: reported ? sizing.inputMp : null,
    output_mp: reported ? sizing.outputMp : null,
  };
  const { id, webhookUrl } = task;
  const shape = webhookUrl ? (ctx.options.webhooks?.submitResponse ?? "polling") : "polling";
  if (shape === "webhook") return json(200, { id, status: "Pending", webhook_url: webhookUrl, ...money });
  if (shape === "both") {
    return json(200, { id, polling_url: pollingUrl, status: "Pending", webhook_url: webhookUrl, ...money });
  }
  return json(200, { id, polling_url: pollingUrl, ...money });
}
