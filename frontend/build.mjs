// Build the front-end assets into static/dist/ (git-ignored build output).
//
//   npm run build
//
// - static/dist/main.css                  frontend/main.scss compiled (GOV.UK + MOJ Frontend)
// - static/dist/js/govuk-frontend.min.js  GOV.UK Frontend ES module bundle (+ .map)
// - static/dist/js/moj-frontend.min.js    MOJ Frontend ES module bundle (+ .map)
// - static/dist/js/htmx.min.js            htmx
// - static/dist/govuk/assets/             GOV.UK + MOJ images and manifest (no fonts)

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "static", "dist");

const govuk = join(modules, "govuk-frontend", "dist", "govuk");
const moj = join(modules, "@ministryofjustice", "frontend", "moj");

function copy(from, to) {
  if (!existsSync(from)) {
    throw new Error(`Missing ${from}: run "npm ci" first`);
  }
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

// GOV.UK Frontend @warn()s when a deprecated helper is used. MOJ Frontend
// still uses some; those are not ours to fix, so only warnings raised by our
// own Sass are shown.
function warnUnlessFromDependency(message, { deprecation, span, stack }) {
  const caller = (stack || "")
    .split("\n")
    .find((frame) => frame.trim() && !frame.includes("node_modules/govuk-frontend/"));
  if (caller && caller.includes("node_modules/")) {
    return;
  }
  const where = span ? ` (${span.url ? fileURLToPath(span.url) : "?"}:${span.start.line + 1})` : "";
  console.warn(`${deprecation ? "DEPRECATION" : "WARNING"}: ${message}${where}`);
  if (stack) console.warn(stack);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "js"), { recursive: true });

// Stylesheet. MOJ Frontend loads GOV.UK Frontend as
// "node_modules/govuk-frontend/...", so the project root is a load path.
const result = sass.compile(join(root, "frontend", "main.scss"), {
  style: "compressed",
  loadPaths: [root],
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  logger: { warn: warnUnlessFromDependency },
});
writeFileSync(join(dist, "main.css"), result.css + "\n");

// Scripts (both Frontend bundles are self-contained ES modules). Their source
// maps come too: Django's manifest storage (collectstatic) follows the
// sourceMappingURL comments and fails if a map is missing.
for (const [dir, name] of [
  [govuk, "govuk-frontend.min.js"],
  [moj, "moj-frontend.min.js"],
]) {
  copy(join(dir, name), join(dist, "js", name));
  copy(join(dir, `${name}.map`), join(dist, "js", `${name}.map`));
}
copy(join(modules, "htmx.org", "dist", "htmx.min.js"), join(dist, "js", "htmx.min.js"));

// Images and manifest; the fonts are not used (system font stack).
const assets = join(dist, "govuk", "assets");
copy(join(govuk, "assets", "images"), join(assets, "images"));
copy(join(govuk, "assets", "manifest.json"), join(assets, "manifest.json"));
copy(join(moj, "assets", "images"), join(assets, "images"));

const size = (file) => `${(statSync(file).size / 1024).toFixed(1)} KiB`;
console.log(`static/dist/main.css ${size(join(dist, "main.css"))}`);
for (const name of readdirSync(join(dist, "js")).filter((n) => n.endsWith(".js"))) {
  console.log(`static/dist/js/${name} ${size(join(dist, "js", name))}`);
}
console.log(`static/dist/govuk/assets/images: ${readdirSync(join(assets, "images")).length} files`);
