namespace ForgeNet.Core.Model;

/// <summary>A parsed link alias "forgenet:&lt;instance&gt;:&lt;sandbox id&gt;" or "forgenet:&lt;instance&gt;:net:&lt;network id&gt;".</summary>
internal readonly record struct OwnerTag(string InstanceId, string? SandboxId, string? NetworkId)
{
    public static OwnerTag? Parse(string? alias)
    {
        if (alias is null || !alias.StartsWith(Names.AliasPrefix, StringComparison.Ordinal)) return null;
        var parts = alias[Names.AliasPrefix.Length..].Split(':');
        return parts switch
        {
            [var instance, "net", var network] when instance.Length > 0 && network.Length > 0 => new OwnerTag(instance, null, network),
            [var instance, var sandbox] when instance.Length > 0 && sandbox.Length > 0 => new OwnerTag(instance, sandbox, null),
            _ => null,
        };
    }
}
