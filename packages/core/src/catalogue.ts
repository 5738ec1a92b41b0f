/**
 * `@flux-kit/core/catalogue`: every model's definition with its schema, and the checks, as an entry of its own,
 * so an app that draws its forms from `getModelInfo` can load the schemas (every model's rules) when it
 * first needs them: `const { validateInput } = await import("@flux-kit/core/catalogue")`. The same definitions
 * as the main entry's; importing both costs nothing twice.
 * @packageDocumentation
 */
export { getModel, models } from "./models/catalogue";
export { validateInput } from "./models/validateInput";
