import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { readQrPath } from "../test/qr";
import { QrCode } from "./QrCode";

describe("QrCode", () => {
  it("draws an SVG that a scanner reads back as the otpauth URI, with the quiet zone and no inline style", () => {
    const uri = "otpauth://totp/TimeTracker:ada%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=TimeTracker&digits=6&period=30";
    render(<QrCode value={uri} label="QR code for your app" />);
    const svg = screen.getByRole("img", { name: "QR code for your app" });
    const size = Number(svg.getAttribute("data-modules"));
    const path = svg.querySelector("path")!.getAttribute("d")!;
    expect(readQrPath(path, size)).toBe(uri);
    // Four light modules around the code: nothing is drawn in the first four rows or columns.
    expect([...path.matchAll(/M(\d+) (\d+)/g)].every(([, x, y]) => Number(x) >= 4 && Number(y) >= 4)).toBe(true);
    expect(svg.outerHTML).not.toMatch(/style=/);
  });
});
