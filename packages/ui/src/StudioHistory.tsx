/** @jsxImportSource . */
import { useEffect, useMemo, useRef, useState } from "react";
import { getModelInfo, type ModelId } from "@flux-kit/core";
import { parseBoxPrompt } from "@flux-kit/core/boxes";
import { MATCH_INPUT, valueForModel, type PromptFormValue, type ReferenceImage } from "./formValue";
import { openHistory, type HistoryStore, type StoredImage } from "./historyStore";
import { HistoryList, type HistoryEntry, type HistoryListProps } from "./HistoryList";
import { downloadHref } from "./ResultViewer";

/** Props of `StudioHistory`: a `HistoryList` of this session's images and those the browser kept. */
export interface StudioHistoryProps extends Omit<HistoryListProps, "onUseAgain" | "onDelete" | "searchable"> {
  /** The IndexedDB database the images are kept in; `false` keeps nothing past the session. */
  readonly keep: string | false;
  /** The proxy's image route, to read a BFL delivery URL's bytes. */
  readonly imageRoute: string | false;
  /** An entry's prompt, model and settings, for the form. */
  readonly onUseAgain: (value: PromptFormValue) => void;
  /** An entry was deleted (a job of this session's among them). */
  readonly onDelete: (entry: HistoryEntry) => void;
  /**
   * The kept images not in the session's list, as entries (for the full-screen view's arrow keys), and the kept
   * copies of the session's own images by result id (shown once their delivery links lapse).
   */
  readonly onKept?:
    ((entries: readonly HistoryEntry[], copies: ReadonlyMap<string, string>) => void) | undefined;
}

/**
 * `FluxStudio`'s history (loaded on demand, with IndexedDB through idb-keyval): this session's images, and every
 * image the browser kept from earlier ones (the image's bytes, its request and a permanent copy's URL; never a
 * delivery URL, which lapses), newest first, searchable, each deletable or used again. Kept within 100 images
 * and 200 MB.
 */
export function StudioHistory({
  entries: session,
  keep,
  imageRoute,
  onUseAgain,
  onDelete,
  onKept,
  ...rest
}: StudioHistoryProps) {
  const [kept, setKept] = useState<readonly StoredImage[]>([]);
  const store = useRef<HistoryStore | undefined>(undefined);
  const storing = useRef(new Set<string>());
  useEffect(() => {
    if (!keep || typeof indexedDB === "undefined") return;
    const opened = openHistory({ name: keep });
    store.current = opened;
    let live = true;
    opened.list().then(
      (list) => live && setKept(list),
      // blocked (private mode, a sandboxed frame): nothing is kept, so no image is fetched to keep
      () => {
        if (live) store.current = undefined;
      },
    );
    return () => {
      live = false;
      store.current = undefined;
    };
  }, [keep]);

  // each image of this session is kept once it is ready: its bytes, read now while its link works
  useEffect(() => {
    const history = store.current;
    if (!history) return;
    for (const entry of session) {
      const { id } = entry.result;
      const url = entry.imageUrl ?? entry.result.url;
      if (!entry.input || storing.current.has(id) || kept.some((k) => k.id === id)) continue;
      storing.current.add(id);
      void fetch(downloadHref(url, imageRoute))
        .then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const type = response.headers.get("content-type") ?? "image/jpeg";
          return { type, bytes: await response.arrayBuffer() };
        })
        .then((image) =>
          history.put({
            id,
            model: entry.model,
            prompt: entry.prompt,
            input: entry.input!,
            seed: entry.result.seed,
            createdAt: Date.now(),
            image,
            url: entry.expiresAt === undefined && !url.startsWith("blob:") ? url : undefined,
          }),
        )
        .then(
          (list) => {
            if (store.current === history) setKept(list);
          },
          // not kept (the link lapsed, storage is full or blocked): it stays in this session's list, and is not
          // fetched again at every render
          () => undefined,
        );
    }
  }, [session, kept, imageRoute]);

  // an object URL for each kept image's bytes, made once per image and revoked when it goes or on unmount
  const made = useRef(new Map<string, string>());
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(() => new Map());
  useEffect(() => {
    const map = made.current;
    const ids = new Set(kept.map((k) => k.id));
    for (const [id, url] of map)
      if (!ids.has(id)) {
        URL.revokeObjectURL(url);
        map.delete(id);
      }
    for (const k of kept)
      if (k.url === undefined && !map.has(k.id))
        map.set(k.id, URL.createObjectURL(new Blob([k.image.bytes], { type: k.image.type })));
    setUrls(new Map(map));
  }, [kept]);
  useEffect(() => {
    const map = made.current;
    return () => {
      for (const url of map.values()) URL.revokeObjectURL(url);
      map.clear();
    };
  }, []);

  // the kept images no longer in this session's list, each shown from its permanent copy or its own bytes
  const earlier = useMemo(() => {
    const shown = new Set(session.map((e) => e.result.id));
    return kept.flatMap((k): HistoryEntry[] => {
      const url = k.url ?? urls.get(k.id);
      if (shown.has(k.id) || url === undefined) return [];
      return [
        {
          result: {
            id: k.id,
            model: k.model,
            url,
            expiresAt: undefined,
            seed: k.seed,
            prompt: undefined,
            startTime: undefined,
            endTime: undefined,
            duration: undefined,
            cost: undefined,
            raw: {},
          },
          imageUrl: url,
          expiresAt: undefined,
          model: k.model,
          input: k.input,
          prompt: k.prompt,
        },
      ];
    });
  }, [session, kept, urls]);
  // the session's images that are kept, by result id: each shown from its copy, whose bytes never lapse as the
  // delivery link does
  const copies = useMemo(() => {
    const map = new Map<string, string>();
    for (const k of kept) {
      const url = k.url ?? urls.get(k.id);
      if (url !== undefined && session.some((e) => e.result.id === k.id)) map.set(k.id, url);
    }
    return map;
  }, [session, kept, urls]);
  useEffect(() => onKept?.(earlier, copies), [earlier, copies, onKept]);

  return (
    <HistoryList
      {...rest}
      entries={[
        ...session.map((entry) => {
          const copy = copies.get(entry.result.id);
          return copy === undefined ? entry : { ...entry, imageUrl: copy, expiresAt: undefined };
        }),
        ...earlier,
      ]}
      searchable
      onUseAgain={(entry) => entry.input && onUseAgain(formValueOf(entry.model, entry.input))}
      onDelete={(entry) => {
        const history = store.current;
        if (history)
          void history.remove(entry.result.id).then(
            (list) => setKept(list),
            () => undefined,
          );
        onDelete(entry);
      }}
    />
  );
}

/** A request body back as the form's value: its prompt, size, seed, settings and reference images. */
export function formValueOf(model: ModelId, input: Readonly<Record<string, unknown>>): PromptFormValue {
  const c = getModelInfo(model).capabilities;
  const {
    prompt,
    width,
    height,
    aspect_ratio: aspectRatio,
    seed,
    output_format: outputFormat,
    safety_tolerance: safetyTolerance,
    ...rest
  } = input as Record<string, unknown>;
  const images: ReferenceImage[] = [];
  const addImage = (field: string, src: unknown) => {
    if (typeof src === "string")
      images.push({
        id: `${field}-${images.length}-${Date.now()}`,
        src,
        name: src.startsWith("data:") ? field : src,
        bytes: src.startsWith("data:") ? Math.round((src.length * 3) / 4) : 0,
      });
  };
  for (const field of c.imageFields) {
    addImage(field, rest[field]);
    delete rest[field];
  }
  // FLUX 3's references are one list (or one string)
  if (c.imageList) {
    const list = rest[c.imageList.field];
    delete rest[c.imageList.field];
    for (const src of Array.isArray(list) ? (list as unknown[]) : [list]) addImage(c.imageList.field, src);
  }
  // FLUX 3's prompt carries its box rows: back into the caption and the layout
  const read = typeof prompt === "string" ? parseBoxPrompt(prompt) : undefined;
  const rows = read && read.issues.length === 0 ? read.rows : [];
  const advanced = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => ["number", "boolean", "string"].includes(typeof v)),
  ) as PromptFormValue["advanced"];
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  const value: Partial<PromptFormValue> = {
    prompt: rows.length > 0 && read ? read.caption : typeof prompt === "string" ? prompt : "",
    boxes: rows,
    advanced,
    images,
    seed: num(seed),
  };
  const preset =
    typeof width === "number"
      ? "custom"
      : typeof aspectRatio === "string"
        ? aspectRatio
        : images.length > 0
          ? MATCH_INPUT
          : undefined;
  return valueForModel(model, {
    ...value,
    ...(preset === undefined ? {} : { preset }),
    ...(typeof width === "number" && typeof height === "number" ? { width, height } : {}),
    ...(typeof aspectRatio === "string" ? { aspectRatio } : {}),
    ...(typeof outputFormat === "string"
      ? { outputFormat: outputFormat as PromptFormValue["outputFormat"] }
      : {}),
    ...(typeof safetyTolerance === "number" ? { safetyTolerance } : {}),
  });
}
