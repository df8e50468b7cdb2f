using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>A verified, signed-in account of a test: its id, address and access token.</summary>
public sealed record TestUser(long Id, string Email, string Token);

/// <summary>Accounts, organizations and the verbs HttpClient lacks a shortcut for, over a <see cref="TestApi"/>.</summary>
public static class TestUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>A new verified account at <paramref name="address"/> (or a fresh one), signed in; with <paramref name="existing"/>, only signs in.</summary>
    public static async Task<TestUser> SignedInAsync(this TestApi api, string? address = null, bool existing = false)
    {
        var email = existing ? address! : await api.CreateVerifiedAccountAsync(Password, address);
        var token = (await api.SignInAsync(email, Password)).GetProperty("accessToken").GetString()!;
        var me = await (await api.GetAsync("/api/v1/me", token)).Content.ReadFromJsonAsync<JsonElement>();
        return new TestUser(me.GetProperty("id").GetInt64(), email, token);
    }

    /// <summary>Creates an organization owned by <paramref name="owner"/> and returns its id.</summary>
    public static async Task<long> OrganizationAsync(this TestApi api, TestUser owner, string name) =>
        (await (await api.PostAsync("/api/v1/orgs", new { name }, owner.Token)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

    public static Task<HttpResponseMessage> PatchAsync(this TestApi api, string path, object body, string token) =>
        api.SendAsync(HttpMethod.Patch, path, JsonContent.Create(body), token);

    public static Task<HttpResponseMessage> PutAsync(this TestApi api, string path, object body, string token) =>
        api.SendAsync(HttpMethod.Put, path, JsonContent.Create(body), token);

    public static Task<HttpResponseMessage> DeleteAsync(this TestApi api, string path, string token) =>
        api.SendAsync(HttpMethod.Delete, path, null, token);

    private static Task<HttpResponseMessage> SendAsync(this TestApi api, HttpMethod method, string path, HttpContent? content, string token)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new("Bearer", token);
        return api.Client.SendAsync(request);
    }
}
