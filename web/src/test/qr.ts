import decodeQR from "qr/decode.js";

/**
 * Reads a QR code as QrCode draws it (an SVG path of one-module-high runs, `M{x} {y}h{run}v1h-{run}z`, on a square of
 * `size` modules): paints it into an RGBA bitmap, 4 pixels a module, and decodes that, as a phone's camera would.
 */
export function readQrPath(path: string, size: number): string {
  const scale = 4;
  const width = size * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let column = Number(x) * scale; column < (Number(x) + Number(run)) * scale; column++)
      for (let row = Number(y) * scale; row < (Number(y) + 1) * scale; row++) data.fill(0, (row * width + column) * 4, (row * width + column) * 4 + 3);
  }
  return decodeQR({ width, height: width, data });
}
