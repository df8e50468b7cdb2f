namespace TimeTracker.Hosting;

/// <summary>Collects what is wrong with a request's fields, then refuses it with all of them at once.</summary>
internal sealed class RequestValidation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The field's value, or an error saying it is required.</summary>
    public string Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
            return "";
        }
        return value;
    }

    /// <summary>A required, trimmed name of at most <paramref name="maximumLength"/> characters.</summary>
    public string Name(string field, string? value, int maximumLength = 255)
    {
        var name = Required(field, value).Trim();
        if (name.Length > maximumLength)
            Add(field, $"'{field}' has {name.Length} characters; at most {maximumLength} are allowed.");
        return name;
    }

    /// <summary>Records that <paramref name="field"/> is wrong.</summary>
    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Whether <paramref name="field"/> already has an error.</summary>
    public bool Failed(string field) => _errors.ContainsKey(field);

    /// <summary>Throws a 400 validation problem when any field was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw ApiProblemException.Validation(_errors);
    }
}
