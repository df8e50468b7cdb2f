namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// The 10,000 most common passwords (common-passwords.txt, shipped inside the executable; see its NOTICE),
/// which registration and password changes refuse.
/// </summary>
internal sealed class CommonPasswords
{
    private readonly HashSet<string> _passwords;

    /// <summary>Loads the list from the embedded resource.</summary>
    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("TimeTracker.Accounts.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the executable (Accounts/Passwords/common-passwords.txt must be an EmbeddedResource).");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0)
                _passwords.Add(line);
    }

    /// <summary>How many passwords the list holds.</summary>
    public int Count => _passwords.Count;

    /// <summary>Whether <paramref name="password"/> is on the list (ignoring case).</summary>
    public bool Contains(string password) => _passwords.Contains(password);
}
