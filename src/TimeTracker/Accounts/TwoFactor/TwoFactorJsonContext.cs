using System.Text.Json.Serialization;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>The stored form of backup codes (a JSON array of hashes), serialised without reflection.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class TwoFactorJsonContext : JsonSerializerContext;
