namespace TimeTracker.Accounts;

/// <summary>One password or code check that <see cref="SignInThrottle"/> let through, to report back as failed or given back.</summary>
/// <param name="Id">The row of <c>sign_in_throttles</c> the check was counted in.</param>
/// <param name="UserId">The account whose password or code is checked.</param>
/// <param name="Lockouts">How many locks that account and address had before this window, which sets how long the next one lasts.</param>
internal sealed record ThrottleReservation(long Id, long UserId, int Lockouts);
