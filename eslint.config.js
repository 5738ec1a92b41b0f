// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/storybook-static/**",
      "**/node_modules/**",
      "**/.turbo/**",
      "**/public/mockServiceWorker.js",
      "bench/.out/**",
      "**/.next/**",
      "**/next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // `interface Flux2InputSchema extends ReturnType<typeof buildFlux2> {}` names an inferred type once, so
      // declaration files refer to it instead of spelling it out for every model
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  reactHooks.configs.flat["recommended-latest"],
  {
    // the preset makes this a warning; a missing dependency is a stale-closure bug, so it fails the lint
    rules: { "react-hooks/exhaustive-deps": "error" },
  },
  {
    // core is isomorphic: browsers, Node >= 20 and edge runtimes
    files: ["packages/core/src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test-d.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["node:*"], message: "core must not use Node built-ins." }] },
      ],
      "no-restricted-globals": ["error", "process", "Buffer", "require", "__dirname"],
    },
  },
  { files: ["**/*.{js,mjs,cjs}"], extends: [tseslint.configs.disableTypeChecked] },
);
