// Bundles neuroglancer's three entry points (viewer, chunk worker, async computation worker) into the layout
// their `new URL(..., import.meta.url)` references expect:
//   app/main.bundle.js, app/chunk_worker.bundle.js, app/*.wasm, async_computation.bundle.js, index.html
import * as esbuild from "esbuild";
import { copyFile, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const out = path.resolve(process.argv[2] ?? "dist");
const staging = `${out}.partial`;
const here = path.dirname(new URL(import.meta.url).pathname);
const lib = path.dirname(createRequire(import.meta.url).resolve("neuroglancer/unstable/main.bundle.js"));

// neuroglancer imports its icons as `icon.svg?raw`, a convention of its own bundler: the file's text.
const rawText = {
  name: "raw-text",
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, async (args) => {
      const target = await build.resolve(args.path.slice(0, -"?raw".length), {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
      });
      return target.errors.length > 0 ? { errors: target.errors } : { path: target.path, namespace: "raw-text" };
    });
    build.onLoad({ filter: /.*/, namespace: "raw-text" }, async (args) => ({
      contents: await readFile(args.path, "utf8"),
      loader: "text",
    }));
  },
};

await rm(staging, { recursive: true, force: true });
await esbuild.build({
  entryPoints: {
    "app/main.bundle": path.join(lib, "main.bundle.js"),
    "app/chunk_worker.bundle": path.join(lib, "chunk_worker.bundle.js"),
    "async_computation.bundle": path.join(lib, "async_computation.bundle.js"),
  },
  outdir: staging,
  bundle: true,
  format: "esm",
  minify: true,
  legalComments: "linked",
  target: "chrome120",
  plugins: [rawText],
  logLevel: "warning",
});

// Decoders fetched at run time beside the bundle that asks for them.
for (const entry of await readdir(lib, { recursive: true })) {
  if (entry.endsWith(".wasm")) {
    await copyFile(path.join(lib, entry), path.join(staging, "app", path.basename(entry)));
  }
}

await mkdir(staging, { recursive: true });
await copyFile(path.join(here, "index.html"), path.join(staging, "index.html"));
await copyFile(path.join(lib, "..", "LICENSE"), path.join(staging, "LICENSE"));

// A complete bundle replaces the previous one in one step; an interrupted build leaves only the staging folder.
await rm(out, { recursive: true, force: true });
await rename(staging, out);
