import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** What is worth compressing: text. Images other than SVG and fonts are compressed by their own formats already. */
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes `name.br` and `name.gz` beside every text file of the build, at the highest settings, once per build. The
 * server embeds them and answers `Accept-Encoding` with them, so no request ever pays for compression and the
 * timer page's JavaScript crosses the wire at its compressed size. Node's own zlib does the work: no package for a
 * dozen lines.
 */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "timetracker-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      for (const file of await filesUnder(outDir)) {
        if (!compressible.test(file)) continue;
        const content = await readFile(file);
        // Tiny files gain nothing that outweighs a second round-trip through a decoder.
        if (content.length < 1024) continue;
        const brotli = brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        });
        const gzip = gzipSync(content, { level: 9 });
        if (brotli.length < content.length) await writeFile(`${file}.br`, brotli);
        if (gzip.length < content.length) await writeFile(`${file}.gz`, gzip);
      }
    },
  };
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
