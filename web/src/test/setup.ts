import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy… waits this long: lazy routes load their chunk first, which a busy machine makes slow.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
