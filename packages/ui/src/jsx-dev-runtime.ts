/** The development twin of `./jsx-runtime` (dev builds and tests compile JSX to `jsxDEV`). */
export { Fragment, jsxDEV, type JSX } from "react/jsx-dev-runtime";
