namespace ForgeNet.Core.Policy;

/// <summary>One label a peer selector requires a sandbox to carry, e.g. app=web.</summary>
public readonly record struct Label(string Key, string Value)
{
    public override string ToString() => $"{Key}={Value}";
}
