using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary><c>PATCH /me</c>: the name, time zone and default hourly rate time tracking uses, on both dialects.</summary>
public sealed class ProfileSettingsTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_user_sets_a_time_zone_and_default_rate_and_clears_the_rate(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var user = await api.SignedInAsync();
        var before = await (await api.GetAsync("/api/v1/me", user.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UTC", before.GetProperty("timeZone").GetString());

        var set = await (await api.PatchAsync("/api/v1/me", new { timeZone = "America/New_York", defaultHourlyRate = 85.5m, name = "Ada L." }, user.Token)).Content.ReadFromJsonAsync<JsonElement>();
        var cleared = await (await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = (decimal?)null }, user.Token)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("America/New_York", set.GetProperty("timeZone").GetString());
        Assert.Equal(85.5m, set.GetProperty("defaultHourlyRate").GetDecimal());
        Assert.Equal("Ada L.", set.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("defaultHourlyRate").ValueKind);
        Assert.Equal("America/New_York", cleared.GetProperty("timeZone").GetString());
        Assert.Equal(["America/New_York"], await api.SqlAsync($"SELECT timezone FROM users WHERE id = {user.Id}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_unknown_time_zone_a_bad_rate_or_a_field_that_cannot_change_is_a_400_and_nothing_changes(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var user = await api.SignedInAsync();

        var zone = await api.PatchAsync("/api/v1/me", new { timeZone = "Mars/Olympus_Mons", name = "Changed" }, user.Token);
        var rate = await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = -5m }, user.Token);
        var email = await api.PatchAsync("/api/v1/me", new { email = "new@example.test" }, user.Token);

        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
        Assert.Contains("'timeZone' must be an IANA time zone such as Europe/Paris", await zone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, email.StatusCode);
        Assert.Contains("'email' cannot be changed here", await email.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["UTC"], await api.SqlAsync($"SELECT timezone FROM users WHERE id = {user.Id}"));
        Assert.NotEqual(["Changed"], await api.SqlAsync($"SELECT name FROM users WHERE id = {user.Id}"));
    }

    [Fact]
    public async Task Two_patches_of_different_fields_at_once_both_stick()
    {
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var user = await api.SignedInAsync();

        // Both requests have read the account and wait to write it when the lock is released.
        Task<HttpResponseMessage>[] patches;
        await using (var held = await HeldLock.TakeAsync(api, $"SELECT id FROM users WHERE id = {user.Id} FOR UPDATE"))
        {
            patches = [api.PatchAsync("/api/v1/me", new { name = "Grace H." }, user.Token), api.PatchAsync("/api/v1/me", new { timeZone = "Asia/Tokyo" }, user.Token)];
            await held.WaitForWaitersAsync(2);
        }

        Assert.All(await Task.WhenAll(patches), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var me = await (await api.GetAsync("/api/v1/me", user.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Grace H.", me.GetProperty("name").GetString());
        Assert.Equal("Asia/Tokyo", me.GetProperty("timeZone").GetString());
    }
}
