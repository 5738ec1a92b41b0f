import type { DrawnBox } from "./image/drawBoxes";
import type { RenderPlan } from "./image/renderPlan";
import type { OutcomeKind } from "./options";

/** BFL's task statuses: the live spec's eight (docs/bfl-api.md Part II §8.1). */
export type TaskStatus =
  | "Pending"
  | "Reasoning"
  | "Generating"
  | "Ready"
  | "Error"
  | "Request Moderated"
  | "Content Moderated"
  | "Task not found";

/** FLUX 3 Image's stages before Ready: when `Reasoning` and then `Generating` begin. */
export interface TaskStages {
  readonly reasoningAt: number;
  readonly generatingAt: number;
}

/** A task as the mock stores it. */
export interface MockTaskRecord {
  readonly id: string;
  /** Index of the API key in `apiKeys` that created it (the key itself is never stored in records). */
  readonly account: string;
  readonly model: string;
  readonly prompt: string;
  /** The prompt reported in `result.prompt` (the "upsampled" one when `prompt_upsampling` is on). */
  readonly resultPrompt: string;
  /** The validated input, with big strings (base64 images) replaced by their length to bound memory. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly outputFormat: "jpeg" | "png" | "webp";
  readonly createdAt: number;
  /** When it reaches its terminal status; `Infinity` for a stuck task. */
  readonly finishesAt: number;
  readonly outcome: OutcomeKind;
  readonly reasons: readonly string[];
  readonly errorDetails: unknown;
  readonly cost: number;
  readonly inputMp: number;
  readonly outputMp: number;
  /** 32 hex digits naming its blob on the delivery origin. */
  readonly blobId: string;
  readonly webhookUrl: string | null;
  readonly webhookSecret: string | null;
  /** FLUX 3 Image's `Reasoning` / `Generating` stages; `undefined` for models that stay `Pending`. */
  readonly stages?: TaskStages;
  /** Whether polls report `progress` while in flight (FLUX 3 Image sends none). */
  readonly reportsProgress: boolean;
  /** Boxes drawn over the image (a FLUX 3 prompt's layout or target boxes), in drawing order. */
  readonly boxes: readonly DrawnBox[];
  /** How the image is painted: generated from prompt + seed, or from the request's pictures (the tools). */
  readonly render: RenderPlan;
  /** Signed query string of `result.sample`, computed once on the first Ready poll. */
  sampleQuery?: Promise<string>;
}

/** A read-only view of a task at the current clock time, from `mock.tasks` / `mock.task(id)`. */
export interface MockTaskInfo {
  readonly id: string;
  readonly model: string;
  readonly status: TaskStatus;
  /** 0–1 while Pending, 1 once finished. */
  readonly progress: number;
  readonly prompt: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly outputFormat: "jpeg" | "png" | "webp";
  readonly outcome: OutcomeKind;
  readonly createdAt: number;
  readonly finishesAt: number;
  readonly cost: number;
  readonly inputMp: number;
  readonly outputMp: number;
  readonly webhookUrl: string | null;
}

/** A task's status at time `now`. */
export function statusAt(task: MockTaskRecord, now: number): TaskStatus {
  if (task.outcome === "request-moderated") return "Request Moderated";
  if (now < task.finishesAt) {
    if (task.stages && now >= task.stages.generatingAt) return "Generating";
    if (task.stages && now >= task.stages.reasoningAt) return "Reasoning";
    return "Pending";
  }
  switch (task.outcome) {
    case "content-moderated":
      return "Content Moderated";
    case "error":
      return "Error";
    default:
      return "Ready";
  }
}

/** Fraction of the generation done at `now` (0–1). */
export function progressAt(task: MockTaskRecord, now: number): number {
  if (now >= task.finishesAt) return 1;
  if (!Number.isFinite(task.finishesAt)) return Math.min(0.95, (now - task.createdAt) / 60_000);
  const span = task.finishesAt - task.createdAt;
  return span <= 0 ? 1 : Math.max(0, Math.min(1, (now - task.createdAt) / span));
}

export function describeTask(task: MockTaskRecord, now: number): MockTaskInfo {
  return {
    id: task.id,
    model: task.model,
    status: statusAt(task, now),
    progress: progressAt(task, now),
    prompt: task.prompt,
    seed: task.seed,
    width: task.width,
    height: task.height,
    outputFormat: task.outputFormat,
    outcome: task.outcome,
    createdAt: task.createdAt,
    finishesAt: task.finishesAt,
    cost: task.cost,
    inputMp: task.inputMp,
    outputMp: task.outputMp,
    webhookUrl: task.webhookUrl,
  };
}
