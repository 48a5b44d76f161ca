// ESLint for the explorer's own scripts (src/kg/view/templates/*.js): browser scripts, no modules, run in order in one
// page after vis-network (the `vis` global) and, on first use, plotly.js (`window.Plotly`).
import js from "@eslint/js";

const browser = Object.fromEntries([
  "window", "document", "location", "history", "navigator", "performance", "console", "setTimeout", "clearTimeout",
  "requestAnimationFrame", "cancelAnimationFrame", "ResizeObserver", "Intl", "URL", "URLSearchParams", "Blob", "XMLSerializer",
  "Image", "HTMLCanvasElement", "getComputedStyle", "innerWidth", "innerHeight", "devicePixelRatio",
].map((name) => [name, "readonly"]));

export default [
  { ignores: ["node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["src/kg/view/templates/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...browser, vis: "readonly" },
    },
    rules: {
      strict: ["error", "function"],
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-unused-vars": ["error", { args: "none" }],
      // Text from the data goes into the page as text: no HTML parsing of strings anywhere in the scripts.
      "no-restricted-properties": ["error",
        { property: "innerHTML", message: "put text in with textContent or KG.el" },
        { property: "outerHTML", message: "put text in with textContent or KG.el" },
        { property: "insertAdjacentHTML", message: "put text in with textContent or KG.el" },
        { object: "document", property: "write", message: "build elements with KG.el" }],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
];
