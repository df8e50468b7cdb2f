using TimeTracker.Validation;

namespace TimeTracker.Email;

/// <summary>
/// A user-written name as an email body shows it: between quotation marks, on one line, so that it reads as a
/// name someone chose and never as the sender's own words. Names written before control characters were refused
/// may still hold them; those show as spaces.
/// </summary>
internal static class QuotedName
{
    /// <summary>“<paramref name="name"/>”, with every character a name may not hold replaced by a space.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\u201C" + string.Create(name.Length, name, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
                span[i] = RequestValidation.IsRefusedInName(text[i]) ? ' ' : text[i];
        }) + "\u201D";
    }
}
