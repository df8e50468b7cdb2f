using System.Reflection;
using Waymark.Revisions;

namespace Waymark.Tests;

/// <summary>The engine's layering: drivers live in the dialect projects and the command line in Waymark.Cli, never in the engine.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Engine = typeof(Migration).Assembly;

    [Theory]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("SQLitePCLRaw.core")]
    [InlineData("System.CommandLine")]
    [InlineData("Waymark.Sqlite")]
    [InlineData("Waymark.Postgres")]
    [InlineData("Waymark.Cli")]
    public void The_engine_references_no_driver_dialect_or_command_line(string forbidden) =>
        Assert.DoesNotContain(forbidden, Engine.GetReferencedAssemblies().Select(a => a.Name));

    [Fact]
    public void The_engine_is_the_assembly_these_rules_read() =>
        Assert.Equal("Waymark", Engine.GetName().Name);
}
