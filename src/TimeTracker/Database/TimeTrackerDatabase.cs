using System.Diagnostics.CodeAnalysis;
using Waymark.Configuration;
using Waymark.Revisions;
using Waymark.Postgres;
using Waymark.Sqlite;

namespace TimeTracker.Database;

/// <summary>TimeTracker's schema chain and the databases it runs on.</summary>
internal static class TimeTrackerDatabase
{
    /// <summary>The database used when neither --database nor DATABASE_URL names one.</summary>
    public const string DefaultUrl = "sqlite:///timetracker.db";

    /// <summary>The revisions 001–019 (and later) declared in this assembly.</summary>
    [UnconditionalSuppressMessage(
        "Trimming", "IL2026", Justification = "The csproj roots this assembly (TrimmerRootAssembly), so every migration type is kept.")]
    public static RevisionGraph LoadGraph() => new(RevisionLoader.FromAssembly(typeof(TimeTrackerDatabase).Assembly));

    /// <summary>
    /// The supported kinds of database. TimeTracker keeps SQLite databases in WAL mode: readers never wait for
    /// the writer (the API serves while jobs write), and each migration's commit costs a fraction of a
    /// rollback-journal commit. <c>?journal_mode=delete</c> in the URL keeps a file in its old mode.
    /// </summary>
    public static DatabaseProviders Providers() => new([new SqliteProviderFactory(defaultJournalMode: "wal"), new PostgresProviderFactory()]);

    /// <summary>
    /// Where new migration files go: the project's Migrations folder when run from the repository
    /// root, else ./Migrations.
    /// </summary>
    public static string MigrationsDirectory() =>
        Directory.Exists(Path.Combine("src", "TimeTracker", "Migrations")) ? Path.Combine("src", "TimeTracker", "Migrations") : "Migrations";
}
