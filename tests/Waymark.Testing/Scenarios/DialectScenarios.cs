namespace Waymark.Testing.Scenarios;

/// <summary>
/// The base of every shared dialect scenario: each test gets a fresh database of the dialect the derived
/// class names. What differs between dialects is an abstract member, so a dialect that lacks it does not compile.
/// </summary>
public abstract class DialectScenarios : IAsyncLifetime
{
    private ScenarioDatabase? _db;

    protected ScenarioDatabase Db => _db ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    /// <summary>A fresh, empty database of the dialect under test.</summary>
    protected abstract Task<ScenarioDatabase> CreateDatabaseAsync();

    public virtual async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public virtual async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
    }
}
