namespace ForgeNet.Daemon.Security;

/// <summary>Who may call the daemon: root, and members of the group <see cref="GroupName"/> (primary or supplementary).</summary>
public sealed class PeerAuthorizer(GroupDirectory groups)
{
    /// <summary>The group whose members may use the API.</summary>
    public const string GroupName = "forgenet";

    /// <summary>Null when the caller may proceed, else why not (for the PERMISSION_DENIED message).</summary>
    public string? Refusal(PeerCredentials? peer)
    {
        if (peer is not { } p)
            return "the caller's credentials are unknown (only the Unix socket carries them)";
        if (p.Uid == 0) return null;
        var gid = groups.GroupId(GroupName);
        if (gid is not null && (p.Gid == gid || groups.IsMember(p.Uid, GroupName))) return null;
        return gid is null
            ? $"uid {p.Uid} is not root (group {GroupName} does not exist on this host)"
            : $"uid {p.Uid} is neither root nor a member of group {GroupName}";
    }
}
