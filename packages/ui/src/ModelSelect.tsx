/** @jsxImportSource . */
import { getModelInfo, type ModelFamily, type ModelId } from "@flux-kit/core";
import { Field } from "./Field";
import type { FirstLoadLabels } from "./labels";

const FAMILY_LABELS: Record<ModelFamily, string> = {
  "flux-3": "FLUX 3",
  "flux-2": "FLUX.2",
  "flux-kontext": "FLUX.1 Kontext (editing)",
  "flux-1.1": "FLUX1.1",
  "flux-1.0": "FLUX.1 [pro] tools",
  "flux-dev": "FLUX.1 [dev]",
  "flux-tools": "FLUX Tools",
};

/** Props of `ModelSelect`. */
export interface ModelSelectProps {
  readonly id: string;
  readonly models: readonly ModelId[];
  readonly value: ModelId;
  readonly onChange: (model: ModelId) => void;
  readonly labels: FirstLoadLabels;
}

/** A native `<select>` of the catalogue's models, grouped by family, with the chosen model's one-liner. */
export function ModelSelect({ id, models, value, onChange, labels }: ModelSelectProps) {
  const groups = new Map<ModelFamily, ModelId[]>();
  for (const m of models) {
    const family = getModelInfo(m).family;
    groups.set(family, [...(groups.get(family) ?? []), m]);
  }
  return (
    <Field id={id} name="model" label={labels.model} hint={getModelInfo(value).description}>
      <select
        id={id}
        className="flux-select"
        name="model"
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value as ModelId)}
      >
        {[...groups].map(([family, ids]) => (
          <optgroup key={family} label={FAMILY_LABELS[family]}>
            {ids.map((m) => (
              <option key={m} value={m}>
                {getModelInfo(m).label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}
