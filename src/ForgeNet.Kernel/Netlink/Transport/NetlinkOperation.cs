namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>What a request is about, for error messages; formatted only when a request fails.</summary>
internal readonly record struct NetlinkOperation(string Request, string? Name = null, int Index = 0, string? Detail = null)
{
    public override string ToString()
    {
        var subject = Name ?? (Index != 0 ? $"ifindex {Index}" : null);
        return (subject, Detail) switch
        {
            (null, null) => Request,
            (null, _) => $"{Request} {Detail}",
            (_, null) => $"{Request} {subject}",
            _ => $"{Request} {Detail} on {subject}",
        };
    }
}
