using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArchLab.Contracts.Messages;

/// <summary>Source-generated JSON for every message, so no style pays for reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(OrderReceipt))]
[JsonSerializable(typeof(DeviceOrders))]
[JsonSerializable(typeof(StepMessage))]
[JsonSerializable(typeof(StepDone))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
