import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import { browserSession, keeper as pageKeeper, type SessionKeeper } from "./keeper";

type Schemas = components["schemas"];
export type MfaChallengeResponse = Schemas["MfaChallengeResponse"];

/** Sign-in's answer: tokens, or a challenge to answer with a second factor. */
export type SignInOutcome = { kind: "signed-in" } | { kind: "second-factor"; challenge: string };

/**
 * The account calls the screens make. Sign-in, its second step and sign-out use the browser session: the server keeps
 * the refresh token in an HttpOnly cookie, and the page only ever holds the access token, in memory.
 */
export function accountsApi(client: ApiClient = api, keeper: SessionKeeper = pageKeeper) {
  const params = { header: browserSession };
  return {
    register: (body: Schemas["RegisterRequest"]) => call(client.POST("/api/v1/auth/register", { body })),
    verifyEmail: (token: string) => call(client.POST("/api/v1/auth/verify-email", { body: { token } })),
    resendVerification: (email: string) => call(client.POST("/api/v1/auth/verify-email/resend", { body: { email } })),
    requestPasswordReset: (email: string) => call(client.POST("/api/v1/auth/password-reset", { body: { email } })),
    resetPassword: (token: string, newPassword: string) =>
      call(client.POST("/api/v1/auth/password-reset/confirm", { body: { token, newPassword } })),
    async signIn(body: Schemas["LoginRequest"]): Promise<SignInOutcome> {
      const answer = await call(client.POST("/api/v1/auth/login", { params, body }));
      if ("accessToken" in answer) {
        keeper.signedIn(answer);
        return { kind: "signed-in" };
      }
      return { kind: "second-factor", challenge: answer.challenge };
    },
    async completeSignIn(body: Schemas["TwoFactorLoginRequest"]): Promise<void> {
      keeper.signedIn(await call(client.POST("/api/v1/auth/login/2fa", { params, body })));
    },
    /** Signs out this tab and the others, and ends the sign-in on the server. */
    signOut: (): Promise<void> => keeper.signOut(),
    /** Ends every session of the account (every device), then signs out this tab and the others. */
    async signOutEverywhere(): Promise<void> {
      await call(client.POST("/api/v1/auth/logout-everywhere", { params }));
      keeper.ended();
    },
  };
}

export const accounts = accountsApi();
