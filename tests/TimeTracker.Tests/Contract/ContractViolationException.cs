namespace TimeTracker.Tests.Contract;

/// <summary>An answer the OpenAPI document does not allow.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
