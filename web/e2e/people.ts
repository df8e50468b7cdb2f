import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import type { Stack } from "./stack";

// The people the browser tests need, made through the API the way a script would: register, confirm the address from
// the emailed link, sign in. The browser then signs in with the same password through the form. Only Playwright's
// types are imported: the benches (bench/web-app, their own Playwright) use this file too, and one process may load
// @playwright/test only once.

/** Fails the test or bench with `message` unless `condition` holds. */
function ensure(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Every test account's password: strong enough for the server's zxcvbn rule. */
export const password = "glacier tuba orbit maple 47";

/** A fresh address, so that tests sharing one server never collide; `tag` says which spec made it. */
export function newAddress(tag: string): string {
  return `e2e-${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A new account with its address confirmed through the emailed link's token. */
export async function verifiedAccount(request: APIRequestContext, stack: Stack, name: string, email = newAddress("person")): Promise<string> {
  const registered = await request.post("/api/v1/auth/register", { data: { email, password, name } });
  ensure(registered.status() === 201, `register ${email}: ${registered.status()} ${await registered.text()}`);
  const link = await stack.mailbox.waitForLink(email, "/verify-email");
  const verified = await request.post("/api/v1/auth/verify-email", { data: { token: new URL(link).searchParams.get("token") } });
  ensure(verified.status() === 204, `verify ${email}: ${verified.status()} ${await verified.text()}`);
  return email;
}

/** An access token for scripts' calls (`api`). */
export async function apiToken(request: APIRequestContext, email: string, secret = password): Promise<string> {
  const response = await request.post("/api/v1/auth/login", { data: { email, password: secret } });
  ensure(response.status() === 200, `sign in ${email}: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** One API call with a bearer token; anything but a 2xx fails the test with the server's answer. */
export async function api<T>(request: APIRequestContext, token: string, method: string, path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(path, { method, headers: { Authorization: `Bearer ${token}` }, ...(data === undefined ? {} : { data }) });
  ensure(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** Fills and sends the sign-in form the page shows. */
export async function signInForm(page: Page, email: string, secret = password): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A person who joined `orgId` with `role` by the emailed invitation's token; their email and an API token. */
export async function invitedMember(
  request: APIRequestContext,
  stack: Stack,
  inviterToken: string,
  orgId: number,
  role: "member" | "admin" | "owner",
  name: string,
): Promise<{ email: string; token: string }> {
  const email = await verifiedAccount(request, stack, name, newAddress("member"));
  await api(request, inviterToken, "POST", `/api/v1/orgs/${orgId}/invitations`, { email, role });
  const link = await stack.mailbox.waitForLink(email, "/accept-invitation");
  const token = await apiToken(request, email);
  await api(request, token, "POST", "/api/v1/invitations/accept", { token: new URL(link).searchParams.get("token") });
  return { email, token };
}
