using System.Text.Json.Nodes;
using ForgeNet.Kernel;

namespace ForgeNet.Cni.Chain;

/// <summary>Reading the parts of a raw CNI result that a runtime shows: the addresses and the interfaces.</summary>
public static class CniResults
{
    /// <summary>Every <c>ips[].address</c> that parses as a prefix, in order.</summary>
    public static IReadOnlyList<IpPrefix> Addresses(JsonObject result) =>
        (result["ips"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(ip => ip["address"] is JsonValue v && v.TryGetValue<string>(out var s) && IpPrefix.TryParse(s, out var p) ? p : (IpPrefix?)null)
            .OfType<IpPrefix>()
            .ToList();

    /// <summary>Every <c>interfaces[].name</c>, in order.</summary>
    public static IReadOnlyList<string> InterfaceNames(JsonObject result) =>
        (result["interfaces"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(i => i["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>()
            .ToList();
}
