/**
 * A fake API for the timer's component tests: answers by method and path, records requests, and can hold an answer
 * back (to see what the page shows before the server confirms).
 */
export interface Route {
  method: string;
  path: RegExp;
  answer(request: Request, match: RegExpExecArray): Promise<Response> | Response;
}

export function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

/** A promise resolved from outside. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

export function fakeServer(routes: Route[]) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "DELETE" ? "" : await request.clone().text();
    requests.push({ method: request.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : undefined });
    for (const route of routes) {
      const match = route.method === request.method ? route.path.exec(url.pathname) : null;
      if (match) return route.answer(request, match);
    }
    return json(404, { title: "Not found", status: 404, detail: `No fake route for ${request.method} ${url.pathname}.` });
  };
  return { fetch, requests, sent: (method: string, path: RegExp) => requests.filter((r) => r.method === method && path.test(r.path)) };
}

let nextId = 100;

/** A finished or running entry as the server answers it. */
export function serverEntry(fields: Partial<Record<string, unknown>> & { startedAt: string }) {
  const endedAt = (fields["endedAt"] as string | null | undefined) ?? null;
  return {
    id: nextId++,
    userId: 1,
    projectId: null,
    taskId: null,
    description: null,
    durationSeconds: endedAt === null ? null : Math.floor((Date.parse(endedAt) - Date.parse(fields.startedAt)) / 1000),
    billable: false,
    source: "timer",
    tags: [],
    lockedAt: null,
    invoiceId: null,
    autoStopped: false,
    createdAt: fields.startedAt,
    updatedAt: fields.startedAt,
    isRunning: endedAt === null,
    ...fields,
    endedAt,
  };
}

export const project = (id: number, name: string) => ({
  id,
  clientId: null,
  name,
  description: null,
  hourlyRate: null,
  archived: false,
  archivedAt: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});
