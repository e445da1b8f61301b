using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArchLab.Contracts.Hosting;

/// <summary>Source-generated JSON of the options file the harness hands to a host.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(ServiceOptions))]
[JsonSerializable(typeof(InProcOptions))]
[JsonSerializable(typeof(StepFaults))]
public sealed partial class HostingJsonContext : JsonSerializerContext;
