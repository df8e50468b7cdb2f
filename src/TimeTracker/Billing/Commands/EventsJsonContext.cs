using System.Text.Json;
using System.Text.Json.Serialization;
using TimeTracker.Billing.Events;

namespace TimeTracker.Billing.Commands;

/// <summary>The JSON the <c>events</c> commands write, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<StoredEvent>))]
[JsonSerializable(typeof(StoredEvent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
