using System.Globalization;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// Which entries a report counts besides its date range: any of the given clients, projects, members (user ids) and
/// tags (by name), and billable, non-billable or both. An empty list does not filter; several filters all apply.
/// </summary>
internal sealed record ReportFilter(
    IReadOnlyList<long> ClientIds, IReadOnlyList<long> ProjectIds, IReadOnlyList<long> UserIds, IReadOnlyList<string> Tags, bool? Billable)
{
    /// <summary>The most values one filter takes.</summary>
    public const int MaximumValues = 100;

    /// <summary>No filter at all.</summary>
    public static ReportFilter None { get; } = new([], [], [], [], null);

    /// <summary>Whether the filter names no client, project, member or tag (billability aside).</summary>
    public bool FiltersOnlyBillability => ClientIds.Count == 0 && ProjectIds.Count == 0 && UserIds.Count == 0 && Tags.Count == 0;

    /// <summary>The filter the query parameters ask for; errors are added to <paramref name="validation"/>, one per parameter.</summary>
    public static ReportFilter Parse(RequestValidation validation, ReportFilterText text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(text);
        var tags = Values(validation, "tag", text.Tag).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Any(t => t.Length == 0))
            validation.Add("tag", "'tag' must be a tag's name; an empty one names no tag.");
        return new(Ids(validation, "clientId", text.ClientId), Ids(validation, "projectId", text.ProjectId), Ids(validation, "userId", text.UserId),
            tags, ParseBillable(validation, text.Billable));
    }

    /// <summary>
    /// Appends the filter's conditions on the entries <c>e</c> to <paramref name="where"/>, with their parameters
    /// (<c>@org</c> must be the organization).
    /// </summary>
    public void AppendTo(System.Text.StringBuilder where, List<(string, object?)> parameters)
    {
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(parameters);
        if (ClientIds.Count > 0)
            where.Append(" AND e.project_id IN (SELECT id FROM projects WHERE organization_id = @org AND client_id IN (")
                .Append(List(parameters, "fc", ClientIds)).Append("))");
        if (ProjectIds.Count > 0)
            where.Append(" AND e.project_id IN (").Append(List(parameters, "fp", ProjectIds)).Append(')');
        if (UserIds.Count > 0)
            where.Append(" AND e.user_id IN (").Append(List(parameters, "fu", UserIds)).Append(')');
        if (Tags.Count > 0)
            where.Append(" AND e.id IN (SELECT l.time_entry_id FROM time_entry_tags l JOIN tags t ON t.id = l.tag_id " +
                "WHERE t.organization_id = @org AND t.name IN (").Append(List(parameters, "ft", Tags)).Append("))");
        if (Billable is { } billable)
        {
            where.Append(" AND e.billable = @fb");
            parameters.Add(("fb", billable));
        }
    }

    private static string List<T>(List<(string, object?)> parameters, string prefix, IReadOnlyList<T> values)
    {
        var names = values.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}")).ToList();
        parameters.AddRange(names.Select((name, i) => (name, (object?)values[i])));
        return string.Join(", ", names.Select(n => "@" + n));
    }

    private static IReadOnlyList<string> Values(RequestValidation validation, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
            return [];
        if (values.Count > MaximumValues)
            validation.Add(field, $"'{field}' is given {values.Count} times; a report filters by at most {MaximumValues}.");
        return values;
    }

    private static List<long> Ids(RequestValidation validation, string field, IReadOnlyList<string>? values)
    {
        var ids = new List<long>();
        foreach (var value in Values(validation, field, values))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                ids.Add(id);
            else
            {
                validation.Add(field, $"'{field}' must be an id (a whole number above 0), one per '{field}' parameter; '{value}' is not.");
                break;
            }
        }
        return [.. ids.Distinct()];
    }

    private static bool? ParseBillable(RequestValidation validation, string? text)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "any":
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                validation.Add("billable", $"'billable' must be true, false or any (the default); '{text}' is not.");
                return null;
        }
    }
}
