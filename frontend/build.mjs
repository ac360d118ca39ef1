// Front-end build: copies the NL Design System CSS, the white-label theme, its fonts and our own
// theme layer from node_modules/ and frontend/ into static/vendor/, which Django serves as static
// files (static/ is in STATICFILES_DIRS). Plain Node.js, no dependencies: run `npm ci` first
// (`make frontend` does both). static/vendor/ is build output and never committed.
//
// The theme is the NL Design System's white-label example theme ("voorbeeld"); the Utrecht and
// Rijkshuisstijl token sets are protected branding and must not be used here.

import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MODULES = join(ROOT, "node_modules");
const OUT = join(ROOT, "static", "vendor");

const COMPONENTS = "@utrecht/component-library-css";
const THEME = "@nl-design-system-unstable/voorbeeld-design-tokens";

// The theme's fonts (--basis-text-font-family-default: Noto Sans; --basis-heading-font-family:
// Noto Serif, always bold). Only the Latin subsets: Dutch needs nothing else, and each subset is
// downloaded by the browser only when a page uses a character in its unicode-range.
const FONTS = [
  { pkg: "@fontsource/noto-sans", faces: ["400", "400-italic", "700", "700-italic"] },
  { pkg: "@fontsource/noto-serif", faces: ["700"] },
];
const SUBSETS = ["latin", "latin-ext"];

async function packageVersion(pkg) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(MODULES, pkg, "package.json"), "utf8"));
  } catch {
    throw new Error(`${pkg} is not installed in node_modules/. Run \`npm ci\` first.`);
  }
  return manifest.version;
}

async function copy(from, to) {
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
  return to;
}

// Fontsource's <weight>.css holds one @font-face per subset, each after a comment naming it
// ("/* noto-sans-latin-ext-400-normal */"). Keep the Latin ones, woff2 only (every browser we
// support reads it), with the files next to the stylesheet.
async function fontFaces({ pkg, faces }) {
  const family = pkg.split("/")[1];
  const rules = [];
  const files = [];
  for (const face of faces) {
    const css = await readFile(join(MODULES, pkg, `${face}.css`), "utf8");
    for (const block of css.split(/(?=\/\* )/)) {
      const name = block.match(/^\/\* ([\w-]+) \*\//)?.[1];
      if (!name || !SUBSETS.some((subset) => name.startsWith(`${family}-${subset}-`))) continue;
      const subset = name.slice(family.length + 1).replace(/-\d{3}-(normal|italic)$/, "");
      if (!SUBSETS.includes(subset)) continue;
      const woff2 = `${name}.woff2`;
      const rule = block
        .trim()
        .replace(/src: [^;]+;/, `src: url(${woff2}) format("woff2");`);
      if (!rule.includes(`url(${woff2})`)) throw new Error(`Unexpected @font-face in ${pkg}/${face}.css`);
      rules.push(rule);
      files.push(await copy(join(MODULES, pkg, "files", woff2), join(OUT, "fonts", woff2)));
    }
  }
  if (rules.length !== faces.length * SUBSETS.length) {
    throw new Error(`Expected ${faces.length * SUBSETS.length} Latin font faces in ${pkg}, found ${rules.length}`);
  }
  files.push(await copy(join(MODULES, pkg, "LICENSE"), join(OUT, "fonts", `LICENSE-${family}.txt`)));
  return { rules, files };
}

async function build() {
  const started = Date.now();
  const versions = {};
  for (const pkg of [COMPONENTS, THEME, ...FONTS.map((font) => font.pkg)]) {
    versions[pkg] = await packageVersion(pkg);
  }

  await rm(OUT, { recursive: true, force: true });
  const files = [];

  files.push(await copy(join(MODULES, COMPONENTS, "dist", "index.css"), join(OUT, "utrecht", "component-library.css")));
  files.push(await copy(join(MODULES, COMPONENTS, "LICENSE.md"), join(OUT, "utrecht", "LICENSE.md")));

  files.push(await copy(join(MODULES, THEME, "dist", "theme.css"), join(OUT, "voorbeeld", "theme.css")));
  files.push(await copy(join(MODULES, THEME, "LICENSE.md"), join(OUT, "voorbeeld", "LICENSE.md")));

  const fontRules = [];
  for (const font of FONTS) {
    const { rules, files: fontFiles } = await fontFaces(font);
    fontRules.push(...rules);
    files.push(...fontFiles);
  }
  const fontsCss = join(OUT, "fonts", "fonts.css");
  await writeFile(
    fontsCss,
    `/* Built by frontend/build.mjs from ${FONTS.map((f) => `${f.pkg}@${versions[f.pkg]}`).join(", ")} (SIL OFL 1.1). */\n\n` +
      `${fontRules.join("\n\n")}\n`,
  );
  files.push(fontsCss);

  files.push(await copy(join(ROOT, "frontend", "theme.css"), join(OUT, "grportal", "theme.css")));

  // Written last: its presence means a complete build (the Makefile's target, checked by the tests).
  const manifest = {
    packages: versions,
    files: files.map((file) => file.slice(OUT.length + 1)).sort(),
  };
  await writeFile(join(OUT, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`static/vendor/: ${files.length} files in ${Date.now() - started} ms`);
}

build().catch((error) => {
  console.error(`frontend/build.mjs: ${error.message}`);
  process.exit(1);
});
