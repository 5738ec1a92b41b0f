/** @jsxImportSource . */
import { useState } from "react";
import type { ModelCapabilities, NumberRange } from "@flux-kit/core";
import { Field, describedBy } from "./Field";
import type { PromptFormValue } from "./formValue";
import { ImageInput } from "./ImageInput";
import type { FirstLoadLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";

/** Props of `AdvancedFields`. */
export interface AdvancedFieldsProps {
  readonly id: string;
  readonly capabilities: ModelCapabilities;
  readonly value: PromptFormValue;
  readonly onChange: (patch: Partial<PromptFormValue>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly labels: FirstLoadLabels;
  readonly disabled?: boolean | undefined;
}

interface NumberSpec {
  readonly name: string;
  readonly label: string;
  readonly range: NumberRange;
  readonly integer: boolean;
}

/**
 * Seed, output format, safety tolerance and the model's own fields (steps, guidance, upsampling, extras),
 * all generated from the catalogue's `capabilities`: a new model needs no UI code.
 */
export function AdvancedFields({
  id,
  capabilities: c,
  value,
  onChange,
  errors,
  labels: given,
  disabled,
}: AdvancedFieldsProps) {
  const labels = withLazyLabels(given);
  const setAdvanced = (name: string, v: number | boolean | undefined) =>
    onChange({ advanced: { ...value.advanced, [name]: v } });

  const numbers: NumberSpec[] = [];
  if (c.steps) numbers.push({ name: "steps", label: labels.steps, range: c.steps, integer: true });
  if (c.guidance)
    numbers.push({ name: "guidance", label: labels.guidance, range: c.guidance, integer: false });
  for (const f of c.extraFields) {
    if (f.kind === "integer" || f.kind === "number") {
      numbers.push({ name: f.name, label: f.label, range: f, integer: f.kind === "integer" });
    }
  }
  const booleans: { name: string; label: string }[] = [];
  if (c.promptUpsampling !== undefined)
    booleans.push({ name: "prompt_upsampling", label: labels.promptUpsampling });
  for (const f of c.extraFields) if (f.kind === "boolean") booleans.push({ name: f.name, label: f.label });
  // "Fixed seed" stays on while the field is emptied or holds a lone "-" being typed: only the checkbox turns it
  // off (a disabled field would drop focus to the page). An empty fixed seed sends none: random, as the
  // placeholder says.
  const [fixedEmpty, setFixedEmpty] = useState(false);
  const fixed = value.seed !== undefined || fixedEmpty;
  const newSeed = () => Math.floor(Math.random() * 2 ** 31);

  return (
    <div className="flux-advanced-grid">
      {/* FLUX 3 Image takes neither a seed nor a format */}
      {c.seed === false ? null : (
        <Field id={`${id}-seed`} name="seed" label={labels.seed} error={errors.seed} group>
          <label className="flux-check">
            <input
              type="checkbox"
              checked={fixed}
              onChange={(e) => {
                setFixedEmpty(false);
                onChange({ seed: e.currentTarget.checked ? newSeed() : undefined });
              }}
            />
            <span>{labels.fixedSeed}</span>
          </label>
          <div className="flux-row">
            <input
              id={`${id}-seed`}
              className="flux-input"
              type="number"
              inputMode="numeric"
              aria-label={labels.seed}
              placeholder={labels.randomSeed}
              disabled={!fixed || disabled}
              value={value.seed ?? ""}
              aria-invalid={errors.seed ? true : undefined}
              aria-describedby={describedBy(`${id}-seed`, false, errors.seed)}
              onChange={(e) => {
                const typed = e.currentTarget.valueAsNumber;
                setFixedEmpty(Number.isNaN(typed));
                onChange({ seed: Number.isNaN(typed) ? undefined : typed });
              }}
            />
            <button
              type="button"
              className="flux-button"
              data-variant="secondary"
              onClick={() => onChange({ seed: newSeed() })}
            >
              {labels.newSeed}
            </button>
          </div>
        </Field>
      )}
      {c.outputFormat === false ? null : (
        <Field
          id={`${id}-output_format`}
          name="output_format"
          label={labels.outputFormat}
          error={errors.output_format}
        >
          <select
            id={`${id}-output_format`}
            className="flux-select"
            value={value.outputFormat}
            onChange={(e) =>
              onChange({ outputFormat: e.currentTarget.value as PromptFormValue["outputFormat"] })
            }
          >
            {c.outputFormats.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field
        id={`${id}-safety_tolerance`}
        name="safety_tolerance"
        label={`${labels.safetyTolerance}: ${value.safetyTolerance}`}
        hint={`${labels.safetyHint} (${c.safetyTolerance.min}–${c.safetyTolerance.max})`}
        error={errors.safety_tolerance}
      >
        <input
          id={`${id}-safety_tolerance`}
          className="flux-range"
          type="range"
          min={c.safetyTolerance.min}
          max={c.safetyTolerance.max}
          step={1}
          value={value.safetyTolerance}
          aria-describedby={describedBy(`${id}-safety_tolerance`, true, errors.safety_tolerance)}
          onChange={(e) => onChange({ safetyTolerance: e.currentTarget.valueAsNumber })}
        />
      </Field>
      {numbers.map((n) => {
        const fieldId = `${id}-${n.name}`;
        const raw = value.advanced[n.name];
        return (
          <Field
            key={n.name}
            id={fieldId}
            name={n.name}
            label={n.label}
            hint={`${n.range.min}–${n.range.max}, default ${n.range.default}`}
            error={errors[n.name]}
          >
            <input
              id={fieldId}
              className="flux-input"
              type="number"
              inputMode={n.integer ? "numeric" : "decimal"}
              min={n.range.min}
              max={n.range.max}
              step={n.range.step ?? (n.integer ? 1 : "any")}
              value={typeof raw === "number" && !Number.isNaN(raw) ? raw : ""}
              aria-invalid={errors[n.name] ? true : undefined}
              aria-describedby={describedBy(fieldId, true, errors[n.name])}
              onChange={(e) =>
                setAdvanced(n.name, e.currentTarget.value === "" ? undefined : e.currentTarget.valueAsNumber)
              }
            />
          </Field>
        );
      })}
      {booleans.map((b) => (
        <div className="flux-field" data-field={b.name} key={b.name}>
          <label className="flux-check">
            <input
              type="checkbox"
              name={b.name}
              checked={value.advanced[b.name] === true}
              onChange={(e) => setAdvanced(b.name, e.currentTarget.checked)}
            />
            <span>{b.label}</span>
          </label>
        </div>
      ))}
      {c.extraFields.map((f) =>
        f.kind === "image" ? (
          <ImageInput
            key={f.name}
            id={`${id}-${f.name}`}
            name={f.name}
            legend={f.label}
            images={value.extraImages[f.name] ? [value.extraImages[f.name]!] : []}
            max={1}
            labels={labels}
            error={errors[f.name]}
            disabled={disabled}
            onChange={(images) => onChange({ extraImages: { ...value.extraImages, [f.name]: images[0] } })}
          />
        ) : null,
      )}
    </div>
  );
}
