namespace TimeTracker.Tracking.Clients;

/// <summary>A client to create, as asked (validated by <see cref="ClientCatalog.CreateAsync"/>).</summary>
internal sealed record NewClient(string? Name, string? Email);
