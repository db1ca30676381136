// Bundles the web UI into two files for the locustpp binary to embed:
// app.js (Preact + uPlot + our code, minified) and app.css.
// Usage: node build.mjs OUT_DIR
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, "dist");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, "src/main.jsx")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outfile: join(out, "app.js"),
  legalComments: "none",
  logLevel: "warning",
});

const css = [join(here, "node_modules/uplot/dist/uPlot.min.css"), join(here, "src/style.css")]
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
writeFileSync(join(out, "app.css"), css);
