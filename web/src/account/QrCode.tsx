import encodeQR from "qr";
import { useMemo } from "react";

/**
 * `value` as a QR code, drawn in the page as one SVG path: nothing is fetched and nothing is inline (the server's
 * Content-Security-Policy allows neither inline styles nor scripts). Dark on light in both themes, with the quiet zone
 * of four modules that scanners expect.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const modules = useMemo(() => encodeQR(value, "raw", { ecc: "medium", border: 4 }), [value]);
  const size = modules.length;
  const path = useMemo(() => {
    let d = "";
    modules.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) {
        if (!row[x]) continue;
        let run = 1;
        while (row[x + run]) run++;
        d += `M${x} ${y}h${run}v1h-${run}z`;
        x += run - 1;
      }
    });
    return d;
  }, [modules]);
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-modules={size}>
      <rect className="qr__light" width={size} height={size} />
      <path className="qr__dark" d={path} />
    </svg>
  );
}

export default QrCode;
