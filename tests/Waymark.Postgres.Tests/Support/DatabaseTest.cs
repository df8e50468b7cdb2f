namespace Waymark.Postgres.Tests.Support;

/// <summary>A test class whose every test gets a fresh database of its own.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private TestDatabase? _db;

    protected TestDatabase Db => _db ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    public virtual async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public virtual async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
    }
}
