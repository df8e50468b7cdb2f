import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import { browserSession, keeper } from "../auth/keeper";

type Schemas = components["schemas"];
export type Me = Schemas["MeResponse"];
export type MePatch = Schemas["MePatch"];
export type TotpSetup = Schemas["TotpSetupResponse"];
export type PasswordAndCode = Schemas["PasswordAndCodeRequest"];

/** The query key of the signed-in person's profile (GET /api/v1/me), shared by every screen that reads it. */
export const meKey = ["me"] as const;

/** The calls of the account page. */
export function accountApi(client: ApiClient = api) {
  return {
    me: () => call(client.GET("/api/v1/me")),
    updateMe: (body: MePatch) => call(client.PATCH("/api/v1/me", { body })),
    /** The server signs every session out, this one included. */
    changePassword: (body: Schemas["ChangePasswordRequest"]) => call(client.POST("/api/v1/me/password", { body })),
    setUpTwoFactor: (password: string) => call(client.POST("/api/v1/auth/2fa/setup", { body: { password } })),
    /**
     * Turns TOTP on. The server ends every other session and the caller's old tokens: in the browser mode it sets the new
     * refresh token as the cookie, and the new access token replaces this page's.
     */
    async enableTwoFactor(body: PasswordAndCode): Promise<string[]> {
      const answer = await call(client.POST("/api/v1/auth/2fa/enable", { body, params: { header: browserSession } }));
      keeper.signedIn(answer);
      return answer.backupCodes;
    },
    /** The server signs every session out, this one included. */
    disableTwoFactor: (body: PasswordAndCode) => call(client.POST("/api/v1/auth/2fa/disable", { body })),
    regenerateBackupCodes: async (body: PasswordAndCode) => (await call(client.POST("/api/v1/auth/2fa/backup-codes", { body }))).backupCodes,
    /** Ends every session on the server, this one included (then continueSignedOut clears this page's). */
    signOutEverywhere: () => call(client.POST("/api/v1/auth/logout-everywhere")),
  };
}

export const account = accountApi();
