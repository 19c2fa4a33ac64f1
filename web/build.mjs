// Copy the browser builds of the workbench's npm libraries into kizashi/web/static/vendor/,
// where the server serves them under /static/vendor/ (nothing is loaded from the internet).
// Run by `npm run build` after `npm ci`; the vendor folder is generated (see .gitignore).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "kizashi", "web", "static", "vendor");

// package -> files to copy (relative to the package folder), kept under vendor/<package>/
const FILES = {
  "chart.js": ["dist/chart.umd.min.js", "dist/chart.umd.min.js.map", "LICENSE.md"],
  "cytoscape": ["dist/cytoscape.min.js", "LICENSE"],
  "vis-timeline": [
    "standalone/umd/vis-timeline-graph2d.min.js",
    "standalone/umd/vis-timeline-graph2d.min.js.map",
    "styles/vis-timeline-graph2d.min.css",
    "styles/vis-timeline-graph2d.min.css.map",
    "LICENSE.md", "LICENSE.Apache-2.0.txt", "LICENSE.MIT.txt",
  ],
  // the API's interactive docs (/api/v1/docs) served from the package, so they work offline
  "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"],
};

rmSync(out, { recursive: true, force: true });
const versions = {};
for (const [pkg, files] of Object.entries(FILES)) {
  const root = join(modules, pkg);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  versions[pkg] = meta.version;
  for (const f of files) {
    const src = join(root, f);
    if (!existsSync(src)) {
      console.error(`build.mjs: ${pkg}@${meta.version} has no ${f} (run npm ci in web/)`);
      process.exit(1);
    }
    const dst = join(out, pkg, f.split("/").pop());
    mkdirSync(dirname(dst), { recursive: true });
    cpSync(src, dst);
  }
}
writeFileSync(join(out, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`vendor files copied to ${out}: ` +
  Object.entries(versions).map(([p, v]) => `${p}@${v}`).join(", "));
