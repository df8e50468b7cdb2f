namespace TimeTracker.Tests.Contract;

/// <summary>
/// Checks every answer a test receives against the OpenAPI document the same server serves (read once, on the first
/// request), and fails the request, and so the test, with what was wrong.
/// </summary>
public sealed class ContractCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private OpenApiContract? _contract;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        _contract ??= await ReadContractAsync(request.RequestUri!, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (_contract.Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, OpenApiContract.MediaType(response.Content.Headers), body) is { } wrong)
            throw new ContractViolationException($"The answer breaks the OpenAPI contract: {wrong}");
        return response;
    }

    private async Task<OpenApiContract> ReadContractAsync(Uri any, CancellationToken cancellationToken)
    {
        using var answer = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(any, "/openapi/v1.json")), cancellationToken);
        answer.EnsureSuccessStatusCode();
        return new OpenApiContract(await answer.Content.ReadAsStringAsync(cancellationToken));
    }
}
