/** The text of the downloaded backup codes file: what they are, for whom, and the codes, one a line. */
export function backupCodesText(codes: readonly string[], email: string, created: Date = new Date()): string {
  return [
    "TimeTracker backup codes",
    `Account: ${email}`,
    `Created: ${created.toISOString().slice(0, 10)}`,
    "",
    "Each code signs you in once when you cannot use your authenticator app.",
    "Keep them somewhere safe; making new ones makes these stop working.",
    "",
    ...codes,
    "",
  ].join("\n");
}
