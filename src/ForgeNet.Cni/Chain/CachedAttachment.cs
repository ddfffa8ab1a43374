using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>What a successful ADD leaves in the result cache: enough to run DEL and CHECK later without the caller's help.</summary>
public sealed record CachedAttachment(string NetworkName, CniAttachment Attachment, string ConfigText, JsonObject Result)
{
    /// <summary>The configuration list the ADD ran with.</summary>
    public CniConfigList Config() => CniConfigList.Parse(ConfigText);
}
