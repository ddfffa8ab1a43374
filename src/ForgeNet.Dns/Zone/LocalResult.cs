namespace ForgeNet.Dns.Zone;

/// <summary>What the local zone says about a name.</summary>
public enum LocalResult
{
    /// <summary>Not a local name: the policy decides, and it may be forwarded.</summary>
    NotLocal,

    /// <summary>Records found.</summary>
    Answer,

    /// <summary>The name exists, but has no record of the asked type.</summary>
    NoData,

    /// <summary>Under the network's domain (or its reverse zone), and no such name.</summary>
    NxDomain,
}
