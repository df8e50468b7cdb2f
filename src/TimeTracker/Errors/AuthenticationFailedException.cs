namespace TimeTracker.Errors;

/// <summary>Who the caller is could not be established: a sign-in, a challenge or a token was refused; sign in (again).</summary>
internal sealed class AuthenticationFailedException(string title, string detail) : TimeTrackerException(title, detail);
