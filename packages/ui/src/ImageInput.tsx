/** @jsxImportSource . */
import {
  forwardRef,
  useEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type DragEvent,
  type KeyboardEvent,
} from "react";
import { cx } from "./cx";
import type { ReferenceImage } from "./formValue";
import { imageFromUrl, readImageFile } from "./imageFiles";
import type { FirstLoadLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";
import { describedBy } from "./Field";

/**
 * Props of `ImageInput`: a list of reference images with drop, paste, pick and URL entry. Every other
 * `<fieldset>` prop (`className`, `style`, `ref`, `data-*`, `aria-*`) passes through, like the other components'.
 */
export interface ImageInputProps extends Omit<
  ComponentPropsWithoutRef<"fieldset">,
  "id" | "name" | "onChange" | "disabled" | "children"
> {
  readonly id: string;
  readonly name: string;
  readonly legend: string;
  readonly images: readonly ReferenceImage[];
  /** Most images accepted (the model's `imageFields.length`). */
  readonly max: number;
  readonly onChange: (images: readonly ReferenceImage[]) => void;
  /** An error from the schema check, shown beside the field. */
  readonly error?: string | undefined;
  readonly labels: FirstLoadLabels;
  readonly disabled?: boolean | undefined;
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;

/**
 * Reads `files` and adds them to the list `current()` gives, keeping to `max`; returns the new list and any
 * refusal messages. The list is read again once the files are read: a removal or another add may have changed it
 * meanwhile, and neither may be undone.
 */
export async function addFiles(
  files: readonly File[],
  current: () => readonly ReferenceImage[],
  max: number,
  labels: FirstLoadLabels,
): Promise<{ images: readonly ReferenceImage[]; errors: string[] }> {
  const added: ReferenceImage[] = [];
  const errors: string[] = [];
  for (const file of files) {
    if (current().length + added.length >= max) {
      errors.push(labels.imageLimitReached(max));
      break;
    }
    const read = await readImageFile(file, labels);
    if ("error" in read) errors.push(`${file.name || "image"}: ${read.error}`);
    else added.push(read.image);
  }
  return { images: [...current(), ...added].slice(0, max), errors };
}

/**
 * The latest `images` a parent gave, also one this component set since (its `onChange` answered later): what
 * `addFiles` adds to.
 */
export function useLatestImages(images: readonly ReferenceImage[]) {
  const latest = useRef(images);
  useEffect(() => {
    latest.current = images;
  });
  return latest;
}

/**
 * Reference images: drop zone, file picker, URL entry and previews. Paste is handled by the form.
 * @example <ImageInput id="refs" name="images" legend="Reference images" images={images} max={4} onChange={setImages} labels={labels} />
 */
export const ImageInput = /* @__PURE__ */ forwardRef<HTMLFieldSetElement, ImageInputProps>(
  function ImageInput(
    { id, name, legend, images, max, onChange, error, labels, disabled, className, ...rest },
    ref,
  ) {
    const fileRef = useRef<HTMLInputElement>(null);
    const [url, setUrl] = useState("");
    const [dragging, setDragging] = useState(false);
    const [localErrors, setLocalErrors] = useState<string[]>([]);
    const full = images.length >= max;
    const shownError = [...localErrors, ...(error ? [error] : [])].join(" ") || undefined;

    const latestRef = useLatestImages(images);
    const add = async (files: readonly File[]) => {
      const result = await addFiles(files, () => latestRef.current, max, labels);
      setLocalErrors(result.errors);
      if (result.images.length === latestRef.current.length) return;
      latestRef.current = result.images;
      onChange(result.images);
    };
    const addUrl = () => {
      const image = imageFromUrl(url);
      if (!image) return setLocalErrors([labels.invalidUrl]);
      if (full) return setLocalErrors([labels.imageLimitReached(max)]);
      setLocalErrors([]);
      setUrl("");
      onChange([...images, image]);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (disabled) return;
      void add(Array.from(event.dataTransfer.files));
    };
    const onUrlKey = (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === "Enter" && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        addUrl();
      }
    };

    return (
      <fieldset
        {...rest}
        ref={ref}
        className={cx("flux-field flux-images", className)}
        data-field={name}
        data-invalid={shownError ? "" : undefined}
        aria-describedby={describedBy(id, false, shownError)}
        disabled={disabled}
      >
        <legend className="flux-label">{legend}</legend>
        <div
          className="flux-dropzone"
          data-state={dragging ? "dragging" : full ? "full" : "idle"}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span className="flux-dropzone-text">{labels.dropImages}</span>
          <button
            type="button"
            className="flux-button"
            data-variant="secondary"
            onClick={() => fileRef.current?.click()}
            disabled={disabled || full}
          >
            {labels.pickImages}
          </button>
          <input
            ref={fileRef}
            id={`${id}-files`}
            type="file"
            accept="image/*"
            multiple={max > 1}
            hidden
            tabIndex={-1}
            aria-label={labels.pickImages}
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = "";
              void add(files);
            }}
          />
        </div>
        <div className="flux-url-row">
          <label style={visuallyHidden} htmlFor={`${id}-url`}>
            {labels.imageUrl}
          </label>
          <input
            id={`${id}-url`}
            className="flux-input"
            type="url"
            inputMode="url"
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            onKeyDown={onUrlKey}
            disabled={disabled || full}
          />
          <button
            type="button"
            className="flux-button"
            data-variant="secondary"
            onClick={addUrl}
            disabled={disabled || full || !url}
          >
            {labels.addImageUrl}
          </button>
        </div>
        {images.length > 0 ? (
          <ul className="flux-thumbs">
            {images.map((image) => (
              <li key={image.id} className="flux-thumb">
                <img src={image.src} alt={image.name} />
                <span className="flux-thumb-meta">
                  <span>{image.width && image.height ? `${image.width}×${image.height}` : "URL"}</span>
                  {image.bytes ? <span>{formatBytes(image.bytes)}</span> : null}
                </span>
                <button
                  type="button"
                  className="flux-thumb-remove"
                  aria-label={labels.removeImage(image.name)}
                  onClick={() => onChange(images.filter((i) => i.id !== image.id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {shownError ? (
          <p id={`${id}-error`} className="flux-field-error" data-field-error={name} role="alert">
            {shownError}
          </p>
        ) : null}
      </fieldset>
    );
  },
);
