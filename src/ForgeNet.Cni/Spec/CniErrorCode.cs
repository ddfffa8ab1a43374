namespace ForgeNet.Cni.Spec;

/// <summary>The CNI spec's well-known error codes (0-99), and forge-cni's own (100+).</summary>
public static class CniErrorCode
{
    /// <summary>Incompatible CNI version.</summary>
    public const int IncompatibleVersion = 1;

    /// <summary>Unsupported field in the network configuration.</summary>
    public const int UnsupportedField = 2;

    /// <summary>Container unknown or does not exist (the runtime need not clean up).</summary>
    public const int UnknownContainer = 3;

    /// <summary>Invalid necessary environment variables (CNI_COMMAND, CNI_CONTAINERID, ...).</summary>
    public const int InvalidEnvironment = 4;

    /// <summary>I/O failure (e.g. reading stdin).</summary>
    public const int IoFailure = 5;

    /// <summary>Failed to decode content (bad JSON).</summary>
    public const int DecodingFailure = 6;

    /// <summary>Invalid network configuration.</summary>
    public const int InvalidNetworkConfig = 7;

    /// <summary>Try again later: a transient condition (the state database is busy).</summary>
    public const int TryAgainLater = 11;

    /// <summary>STATUS: the plugin cannot serve ADDs now.</summary>
    public const int PluginNotAvailable = 50;

    /// <summary>forge-cni: a kernel or internal failure.</summary>
    public const int Failed = 100;

    /// <summary>forge-cni: ADD for a (container id, interface) that is already attached.</summary>
    public const int AlreadyAttached = 101;

    /// <summary>forge-cni: no address left in the network's subnet.</summary>
    public const int AddressesExhausted = 102;

    /// <summary>forge-cni: a conflict with another sandbox (a published port, a requested address in use).</summary>
    public const int Conflict = 103;

    /// <summary>forge-cni: CHECK found the attachment missing or damaged.</summary>
    public const int CheckFailed = 104;
}
