/* Lint rules for the JavaScript the packages and the preview ship: browser scripts (no modules, ES2017,
   as the runtime's oldest supported LMS browsers run them). `make lint` runs it. */
const js = require("@eslint/js");

/* What a browser page offers the scripts; they read nothing else from the global scope. */
const browser = {
  window: "readonly", self: "readonly", document: "readonly", navigator: "readonly", location: "readonly",
  localStorage: "readonly", sessionStorage: "readonly", console: "readonly", alert: "readonly",
  setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly",
  fetch: "readonly", URL: "readonly", URLSearchParams: "readonly", FormData: "readonly", Event: "readonly",
  EventSource: "readonly", AbortController: "readonly", crypto: "readonly", encodeURIComponent: "readonly",
  Intl: "readonly", Promise: "readonly",
};

/* Scripts that node's tests also load (they export their API when `module` exists). */
const node = { module: "readonly", require: "readonly" };

module.exports = [
  {
    files: ["scorm_builder/runtime/**/*.js", "scorm_builder/preview/static/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: browser,
    },
    rules: {
      ...js.configs.recommended.rules,
      /* ES2017 has no `catch {}` without a binding (that came in ES2019): a catch that only recovers
         names its error `ignored`. */
      "no-unused-vars": ["error", { caughtErrorsIgnorePattern: "^ignored$" }],
    },
  },
  {
    files: ["scorm_builder/runtime/scoring.js", "scorm_builder/runtime/state.js", "scorm_builder/runtime/textcode.js"],
    languageOptions: { globals: { ...browser, ...node } },
  },
];
