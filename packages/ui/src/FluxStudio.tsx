/** @jsxImportSource . */
"use client";
import { forwardRef, useEffect, useMemo, useReducer, useRef, useState, type HTMLAttributes } from "react";
import {
  FluxAuthError,
  FluxValidationError,
  getModelInfo,
  isModelId,
  type FluxResult,
  type ModelId,
  type TrayJob,
} from "@flux-kit/core";
import { FORM_MODELS } from "./formModels";
import { useFluxAllowedModels, useFluxJobs, type UseFluxGenerationOptions } from "@flux-kit/react";
import { cx } from "./cx";
import {
  MATCH_INPUT,
  maxImages,
  valueForModel,
  type PromptFormRequest,
  type PromptFormValue,
} from "./formValue";
import { readImageFile } from "./imageFiles";
import { firstLoadLabels, type FluxLabels } from "./labels";
import type { GenerationView } from "./generationView";
import type { HistoryEntry } from "./HistoryList";
import { lazyPart } from "./lazyPart";
import { PromptForm } from "./PromptForm";
import { downloadHref, ResultViewer } from "./ResultViewer";

/** Props of {@link FluxStudio}. Every other `<div>` prop (`className`, `style`, `ref`) passes through. */
export interface FluxStudioProps extends Omit<HTMLAttributes<HTMLDivElement>, "defaultValue"> {
  /**
   * Initial form value; missing fields take the model's defaults.
   * @default { model: "flux-2-pro" }
   * @example <FluxStudio defaultValue={{ model: "flux-2-klein-4b" }} />
   */
  readonly defaultValue?: Partial<PromptFormValue> | undefined;
  /**
   * Models offered in the picker, as given (the proxy is not asked).
   * @default those of `FORM_MODELS` (the catalogue but FLUX 3 Image and the FLUX Tools) that the proxy allows
   * (`GET {baseUrl}/v1/models`); all of `FORM_MODELS` while that answer loads, or when the server does not say
   * @example <FluxStudio models={["flux-2-pro", "flux-2-klein-4b"]} />
   */
  readonly models?: readonly ModelId[] | undefined;
  /** The proxy's image route for downloads. @default "/api/flux/v1/image" */
  readonly imageRoute?: string | false | undefined;
  /**
   * Called with each finished result and the request it was made with (persist it: delivery URLs last 10 minutes).
   * For a job that finished after a reload, a request too large to keep (reference images) is only its prompt.
   */
  readonly onResult?: ((result: FluxResult, request: PromptFormRequest) => void) | undefined;
  /**
   * Keep the jobs (running ones resume on mount), this session's images and the form across reloads
   * (sessionStorage), and every finished image with its request in the browser (IndexedDB, database
   * `${persistKey}:history`, at most 100 images and 200 MB). @default true
   */
  readonly persist?: boolean | undefined;
  /** Storage key of what is kept; give each studio on a page its own. @default "flux-kit:studio" */
  readonly persistKey?: string | undefined;
  /**
   * Persist each image before its delivery URL expires and return the permanent URL (passed to
   * `useFluxGeneration`): the viewer and the history then show your copy, which never turns `expired`. Not needed
   * when the proxy's `onResult` hook already returns a persisted `sample`.
   * @default undefined
   * @example <FluxStudio persistImage={async (result) => (await upload(result.url)).url} />
   */
  readonly persistImage?: UseFluxGenerationOptions<ModelId>["persistImage"];
  /** Overrides for any shown text. @default English */
  readonly labels?: Partial<FluxLabels> | undefined;
}

/**
 * A complete generation feature: `PromptForm`, `ResultViewer`, the jobs in progress (several at once, each with
 * its own progress and cancel; over the proxy's limit they wait for a slot, saying so) and a history the browser
 * keeps (reopen a result, re-run it with the same seed, use it again, vary or edit it, delete, search). Needs a `FluxProvider` above it.
 * @example <FluxProvider baseUrl="/api/flux"><FluxStudio /></FluxProvider>
 */
export const FluxStudio = /* @__PURE__ */ forwardRef<HTMLDivElement, FluxStudioProps>(function FluxStudio(
  {
    defaultValue,
    models: modelsProp,
    imageRoute,
    onResult,
    persist = true,
    persistKey = "flux-kit:studio",
    persistImage,
    labels,
    className,
    ...rest
  },
  ref,
) {
  // without a `models` prop, only what the proxy allows; never an empty picker
  const asked = modelsProp === undefined;
  const allowedQuery = useFluxAllowedModels({ enabled: asked });
  const allowed = allowedQuery.data;
  const models = useMemo(() => modelsProp ?? allowedFormModels(allowed), [modelsProp, allowed]);
  const [value, setValue] = useState<PromptFormValue>(() =>
    valueForModel(defaultValue?.model ?? models[0] ?? "flux-2-pro", defaultValue),
  );
  // the job in the viewer: the latest submit's, one the person picked, or none (`null`: the idle view)
  const [selected, select] = useState<string | null | undefined>(undefined);
  // a pick renders even when it picks the shown job again, so a link that lapsed meanwhile shows as expired
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  const setSelected = (id: string | null | undefined) => {
    select(id);
    rendered();
  };
  // an image the browser kept from an earlier session, when one is shown
  const [earlier, setEarlier] = useState<HistoryEntry | undefined>(undefined);
  // the images the browser kept from earlier sessions, for the full-screen view (StudioHistory reports them)
  const [kept, setKept] = useState<readonly HistoryEntry[]>([]);
  // the kept copies of this session's images, by result id: shown once a delivery link lapses
  const [copies, setCopies] = useState<ReadonlyMap<string, string>>(() => new Map());
  // the latest `onResult`, for a generation that finishes renders after its submit
  const root = useRef<HTMLDivElement | null>(null);
  const onResultRef = useRef(onResult);
  useEffect(() => {
    onResultRef.current = onResult;
  });
  // once the server has said, a model it does not allow gives way to the first one it does (what still applies
  // carries over, as when the person switches; the format is the new model's own)
  useEffect(() => {
    const first = models[0];
    if (!asked || allowed === undefined || first === undefined) return;
    setValue((v) => {
      if (models.includes(v.model)) return v;
      const { outputFormat: _format, ...kept } = v;
      return valueForModel(first, kept);
    });
  }, [asked, allowed, models]);
  // the form survives a reload too (its images only when small: sessionStorage holds about 5 MB)
  const formKey = persist ? `${persistKey}:form` : undefined;
  const restored = useRef(false);
  useEffect(() => {
    if (!formKey) return;
    if (!restored.current) {
      restored.current = true;
      const saved = readForm(formKey);
      if (saved) {
        setValue((v) => valueForModel(models.includes(saved.model) ? saved.model : v.model, saved));
        return;
      }
    }
    keepForm(formKey, value);
  }, [formKey, value, models]);
  // each submit is a job of its own: several run at once, each with its own progress and cancel; over the
  // proxy's limit a job waits for a slot, saying so. Kept across reloads (sessionStorage) unless `persist` is false.
  const tray = useFluxJobs<{ prompt: string }>({
    persist: persist ? { key: persistKey } : false,
    tickMs: 1000,
    persistImage,
    // each result with its own request, also when a later submit overtook it
    onReady: (result, job) =>
      onResultRef.current?.(result, {
        model: job.model as ModelId,
        input: { ...(job.input ?? { prompt: job.meta?.prompt }) },
      }),
  });
  const { jobs } = tray;
  // a list the server would not give (the person was not signed in yet) is asked for again once a job shows they
  // may generate now, or the server says the model shown is not enabled (its list would say which are)
  const refused = allowedQuery.error instanceof FluxAuthError;
  const mayKnowNow = jobs.some(
    (job) =>
      job.state.status === "pending" ||
      job.state.status === "ready" ||
      (job.state.error instanceof FluxAuthError && job.state.error.code === "model_not_enabled"),
  );
  const { refetch } = allowedQuery;
  useEffect(() => {
    if (refused && mayKnowNow) void refetch();
  }, [refused, mayKnowNow, refetch]);

  // images per Generate: each its own task, the first as the form made it (BFL picks its seed unless one is fixed),
  // the others with their own seeds (counting up from a fixed one); a model with no seed (FLUX 3) gets the same
  // request again, deliberately, each run its own image
  const [count, setCount] = useState(1);
  /** The jobs of the last Generate. */
  const lastBatch = useRef<readonly string[]>([]);
  const submit = (next: PromptFormRequest, n = count, variation = false, caption?: string) => {
    // the form checked `input` against the model's schema; the job is named by the prompt as typed (FLUX 3's box
    // rows follow it in the request)
    const prompt = caption ?? (typeof next.input.prompt === "string" ? next.input.prompt : "");
    const seed = next.input.seed;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      // the first as the form made it, so that the tray knows it again
      const input =
        i === 0 || !takesSeed(next.model)
          ? next.input
          : { ...next.input, seed: typeof seed === "number" ? seed + i : randomSeed() };
      const { id } = tray.generate(input, {
        model: next.model,
        meta: { prompt },
        another: variation || i > 0,
      });
      // the tray gave back a job of the last Generate: the same request while it runs (a double click, a second
      // Ctrl+Enter), so none of its other images is submitted again either (nothing is billed twice)
      if (i === 0 && lastBatch.current.includes(id)) return setSelected(id);
      ids.push(id);
    }
    lastBatch.current = ids;
    setEarlier(undefined);
    setSelected(ids[0]);
  };

  const rerun = (entry: HistoryEntry) => {
    if (!entry.input) return;
    const seed = entry.result.seed ?? (typeof entry.input.seed === "number" ? entry.input.seed : undefined);
    // the form takes the prompt and model back, but not the seed: that belongs to this re-run only, and a seed
    // left behind would fix every later prompt's
    // (its request goes as it was, FLUX 3's rows included; the form keeps none of the last layout)
    setValue((v) => valueForModel(entry.model, { ...v, prompt: entry.prompt, boxes: [] }));
    submit(
      { model: entry.model, input: seed === undefined ? { ...entry.input } : { ...entry.input, seed } },
      count,
      false,
      entry.prompt,
    );
  };

  const promptOf = (job: TrayJob<{ prompt: string }>) =>
    job.meta?.prompt ?? (typeof job.input?.prompt === "string" ? job.input.prompt : "");
  // finished ones are the session's history; the rest are the tray
  const done = (job: TrayJob) => job.state.status === "ready" || job.state.status === "expired";
  const history: HistoryEntry[] = [];
  const byResult = new Map<string, string>();
  for (const job of jobs) {
    const { result, imageUrl, expiresAt } = job.state;
    if (!done(job) || !result) continue;
    byResult.set(result.id, job.id);
    history.push({
      result,
      imageUrl,
      expiresAt,
      model: job.model as ModelId,
      input: job.input,
      prompt: promptOf(job),
    });
  }
  // the history's chunk, tried again if its first load failed: once it is there this does nothing
  useEffect(() => void Jobs.preload(), []);
  useEffect(() => {
    if (history.length > 0) void History.preload();
  }, [history.length]);
  const running = jobs.filter((job) => job.state.status === "pending").length;
  const shownJob = selected === null ? undefined : (jobs.find((job) => job.id === selected) ?? jobs[0]);
  // an edit's result is compared with the image it started from: its request's first reference image
  const source = earlier ?? (shownJob && { model: shownJob.model as ModelId, input: shownJob.input });
  const sourceCaps = source && getModelInfo(source.model)?.capabilities;
  const field = sourceCaps?.imageList?.field ?? sourceCaps?.imageFields[0];
  const sent = field ? source?.input?.[field] : undefined;
  // FLUX 3's `images` is a list (or one string): image 1 is what it edits
  const before: unknown = Array.isArray(sent) ? (sent as unknown[])[0] : sent;
  // a link past its lifetime shows as expired at once, even when its timer was held back (a sleeping laptop)
  const lapsed =
    shownJob?.state.status === "ready" && (shownJob.state.expiresAt?.getTime() ?? Infinity) <= Date.now();
  const copy = shownJob?.state.result && copies.get(shownJob.state.result.id);
  const shown: GenerationView = earlier
    ? { status: "ready", result: earlier.result, imageUrl: earlier.imageUrl, expiresAt: undefined }
    : shownJob
      ? {
          ...shownJob.state,
          ...(lapsed || shownJob.state.status === "expired"
            ? copy
              ? { status: "ready" as const, imageUrl: copy, expiresAt: undefined, error: undefined }
              : { status: "expired" as const }
            : {}),
          running,
          cancel: () => tray.cancel(shownJob.id),
          retry: () => tray.retry(shownJob.id),
          resume: () => tray.resume(shownJob.id),
          // "Change the prompt": the failure leaves the tray, and the viewer is free for the next image
          reset: () => {
            tray.remove(shownJob.id);
            setSelected(null);
          },
          // the same request with a new seed
          vary: () =>
            shownJob.input &&
            submit(
              {
                model: shownJob.model as ModelId,
                // FLUX 3 has no seed (its schema refuses one): each run of the same request differs anyway
                input: takesSeed(shownJob.model as ModelId)
                  ? { ...shownJob.input, seed: randomSeed() }
                  : { ...shownJob.input },
              },
              1,
              true,
              shownJob.meta?.prompt,
            ),
          // the image becomes the reference of an edit, on a model that takes one; the person then says what to change
          // (the view says so when it cannot be read back: a lapsed link, the network)
          edit: async () => {
            const url = shownJob.state.imageUrl;
            const response = url && (await fetch(downloadHref(url, imageRoute ?? "/api/flux/v1/image")));
            if (!response || !response.ok) throw new Error(`the image could not be fetched to edit it`);
            const read = await readImageFile(await response.blob(), firstLoadLabels(labels));
            if (!("image" in read)) throw new Error(read.error);
            const model = models.find((id) => maxImages(getModelInfo(id).capabilities) > 0);
            if (!model) return;
            setValue((v) =>
              valueForModel(maxImages(getModelInfo(v.model).capabilities) > 0 ? v.model : model, {
                ...v,
                prompt: "",
                preset: MATCH_INPUT,
                images: [read.image],
              }),
            );
            root.current?.querySelector("textarea")?.focus();
          },
          // the prompt BFL rendered, back in the form (FLUX 3's box rows into its layout)
          adoptPrompt: (prompt, boxes) => {
            setValue((v) => ({
              ...v,
              prompt,
              boxes: getModelInfo(v.model).family === "flux-3" ? boxes : [],
            }));
            root.current?.querySelector("textarea")?.focus();
          },
          // the uncertain submit's task, looked up: it takes the uncertain job's place
          watch: (task) => {
            tray.remove(shownJob.id);
            setSelected(tray.watch(task, { meta: shownJob.meta }).id);
          },
        }
      : { status: "idle" };
  const input = earlier ? earlier.input : shownJob?.input;
  const size =
    typeof input?.width === "number" && typeof input.height === "number"
      ? { width: input.width, height: input.height }
      : undefined;

  return (
    <div
      {...rest}
      ref={(node) => {
        root.current = node;
        if (typeof ref === "function") ref(node);
        else if (ref) ref.current = node;
      }}
      className={cx("flux-studio", className)}
      data-state={shown.status}
    >
      <PromptForm
        className="flux-studio-form"
        value={value}
        onValueChange={setValue}
        onSubmit={(request) => submit(request, count, false, request.caption)}
        models={models}
        actions={
          <label className="flux-count">
            {firstLoadLabels(labels).imageCount}{" "}
            <select
              className="flux-select"
              value={count}
              onChange={(event) => setCount(Number(event.target.value))}
            >
              {[1, 2, 3, 4].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        }
        // a server 422 shows beside the fields too
        errors={shown.error instanceof FluxValidationError ? shown.error.fieldErrors : undefined}
        labels={labels}
      />
      <ResultViewer
        className="flux-studio-viewer"
        generation={shown}
        prompt={earlier ? earlier.prompt : shownJob ? promptOf(shownJob) : undefined}
        size={size}
        imageRoute={imageRoute}
        labels={labels}
        gallery={[...history, ...kept]}
        before={typeof before === "string" ? before : undefined}
      />
      <Jobs.Part
        // loaded as the studio mounts: it shows nothing until a first job, a moment later at the earliest
        fallback={null}
        className="flux-studio-jobs"
        jobs={jobs
          .filter((job) => !done(job))
          .map((job) => ({ id: job.id, prompt: promptOf(job), state: job.state }))}
        selectedId={shownJob?.id}
        onSelect={setSelected}
        onCancel={tray.cancel}
        onDismiss={(id) => {
          tray.remove(id);
          if (id === shownJob?.id) setSelected(null);
        }}
        labels={labels}
      />
      <History.Part
        // loaded as the studio mounts, long before a first image can finish; a failed load is tried again as
        // each image finishes (below), and the images wait in the jobs meanwhile, none dropped
        fallback={null}
        className="flux-studio-history"
        entries={history}
        keep={persist && `${persistKey}:history`}
        imageRoute={imageRoute ?? "/api/flux/v1/image"}
        selectedId={
          earlier?.result.id ?? (shownJob && done(shownJob) ? shownJob.state.result?.id : undefined)
        }
        onSelect={(entry) => {
          const id = byResult.get(entry.result.id);
          setEarlier(id ? undefined : entry);
          setSelected(id ?? null);
        }}
        onRerun={rerun}
        onKept={(list, kept) => {
          // the same images as before keep the same list: no render for a list rebuilt with equal entries
          setKept((now) =>
            now.length === list.length && now.every((e, i) => e.imageUrl === list[i]?.imageUrl) ? now : list,
          );
          setCopies((now) =>
            now.size === kept.size && [...kept].every(([id, url]) => now.get(id) === url) ? now : kept,
          );
        }}
        onUseAgain={setValue}
        onDelete={(entry) => {
          const id = byResult.get(entry.result.id);
          if (id) tray.remove(id);
          if (earlier?.result.id === entry.result.id) setEarlier(undefined);
        }}
        labels={labels}
      />
    </div>
  );
});

/**
 * The history (this session's images and those the browser kept, in IndexedDB): its own chunk, loaded as the
 * studio mounts.
 */
const History = /* @__PURE__ */ lazyPart(() => import("./StudioHistory").then((m) => m.StudioHistory));
/** The job tray: empty until a first submit, so its own chunk, loaded as the studio mounts. */
const Jobs = /* @__PURE__ */ lazyPart(() => import("./JobList").then((m) => m.JobList));
export const preloadStudioHistory = History.preload;

/** A seed for one of several images: any 32-bit integer. */
const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
/** Whether a model's request takes a `seed` (FLUX 3 Image's does not). */
const takesSeed = (model: ModelId) => getModelInfo(model).capabilities.seed !== false;

/** The form as kept in sessionStorage: everything but images too large to keep. */
function keepForm(key: string, value: PromptFormValue): void {
  const small = <T,>(image: T) => JSON.stringify(image).length <= 8_192;
  const kept = {
    ...value,
    images: value.images.filter(small),
    extraImages: Object.fromEntries(Object.entries(value.extraImages).filter(([, image]) => small(image))),
  };
  try {
    sessionStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // no storage, or full: the form is simply not kept
  }
}

/** The kept form, if any; `valueForModel` then keeps only what the model accepts. */
function readForm(key: string): PromptFormValue | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key) ?? "null") as PromptFormValue | null;
    return saved && typeof saved === "object" && isModelId(saved.model) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** `FORM_MODELS` that are in `allowed` (the same list while `allowed` is unknown), or all of them if none is. */
function allowedFormModels(allowed: readonly string[] | undefined): readonly ModelId[] {
  if (!allowed) return FORM_MODELS;
  const offered = FORM_MODELS.filter((id) => allowed.includes(id));
  return offered.length > 0 ? offered : FORM_MODELS;
}
