using System.Text.Json.Serialization;

namespace TimeTracker.Organizations;

/// <summary>JSON stored by the organizations feature, serialised without reflection.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditDetails))]
[JsonSerializable(typeof(RepricingAuditDetails))]
[JsonSerializable(typeof(EntryAuditDetails))]
[JsonSerializable(typeof(TimesheetAuditDetails))]
[JsonSerializable(typeof(AuditRecordDetails))]
internal sealed partial class OrganizationJsonContext : JsonSerializerContext;
