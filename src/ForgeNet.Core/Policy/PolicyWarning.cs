namespace ForgeNet.Core.Policy;

/// <summary>Something in a policy that is accepted but probably not meant, e.g. an ignored profile section.</summary>
public sealed record PolicyWarning(string SourceName, int Line, int Column, string Path, string Detail)
{
    /// <summary>"p.yaml:3:1: filesystem: ..." in the same format as <see cref="PolicyException"/>.</summary>
    public override string ToString() => PolicyMessage.Format(SourceName, Line, Column, Path, Detail);
}
