using System.Text.Json;
using System.Text.Json.Serialization;
using ForgeNet.Core.Model;

namespace ForgeNet.Cli.Output;

/// <summary>Source-generated JSON for every shape the CLI prints (NativeAOT has no reflection serialiser).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(IsolationModeJsonConverter)])]
[JsonSerializable(typeof(NetworkInfo))]
[JsonSerializable(typeof(IReadOnlyList<NetworkInfo>))]
[JsonSerializable(typeof(SandboxInfo))]
[JsonSerializable(typeof(IReadOnlyList<SandboxInfo>))]
[JsonSerializable(typeof(GcReport))]
[JsonSerializable(typeof(RemovedResult))]
[JsonSerializable(typeof(ErrorResult))]
[JsonSerializable(typeof(VersionResult))]
[JsonSerializable(typeof(PolicyCheckResult))]
[JsonSerializable(typeof(PolicyView))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>What <c>rm</c> and <c>prune</c> print with --json.</summary>
public sealed record RemovedResult(IReadOnlyList<string> Removed);

/// <summary>The JSON form of a failure: <c>{"error": {...}}</c>.</summary>
public sealed record ErrorResult(ErrorDetail Error);

public sealed record ErrorDetail(string Kind, string Message, int ExitCode);

public sealed record VersionResult(string Version);

/// <summary>What <c>policy check</c> prints with --json.</summary>
public sealed record PolicyCheckResult(bool Valid, string Mode, string? Profile, IReadOnlyList<string> Warnings, IReadOnlyList<string> Unenforced, string Canonical);

/// <summary>Isolation modes by their CLI and policy names (loopback-only, internal).</summary>
internal sealed class IsolationModeJsonConverter : JsonConverter<IsolationMode>
{
    public override IsolationMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IsolationModes.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, IsolationMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsolationModes.Name(value));
}
