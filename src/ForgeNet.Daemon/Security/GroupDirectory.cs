namespace ForgeNet.Daemon.Security;

/// <summary>
/// Group membership from /etc/group and /etc/passwd (the files the daemon's own host uses; NSS modules such as LDAP
/// are not consulted). Read on each question, so a user added to the group needs no daemon restart.
/// </summary>
public sealed class GroupDirectory(string groupFile = "/etc/group", string passwdFile = "/etc/passwd")
{
    /// <summary>/etc/group and /etc/passwd, or the files FORGENET_GROUP_FILE and FORGENET_PASSWD_FILE name (for tests).</summary>
    public static GroupDirectory FromEnvironment() => new(
        Environment.GetEnvironmentVariable("FORGENET_GROUP_FILE") is { Length: > 0 } g ? g : "/etc/group",
        Environment.GetEnvironmentVariable("FORGENET_PASSWD_FILE") is { Length: > 0 } p ? p : "/etc/passwd");

    /// <summary>The gid of <paramref name="group"/>, or null when there is no such group.</summary>
    public uint? GroupId(string group) => FindGroup(group)?.Gid;

    /// <summary>
    /// True when <paramref name="uid"/> belongs to <paramref name="group"/>: as its primary group (passwd) or as a
    /// supplementary member (group file, by user name).
    /// </summary>
    public bool IsMember(uint uid, string group)
    {
        if (FindGroup(group) is not { } entry) return false;
        if (FindUser(uid) is not { } user) return false;
        return user.Gid == entry.Gid || entry.Members.Contains(user.Name, StringComparer.Ordinal);
    }

    private (uint Gid, string[] Members)? FindGroup(string group)
    {
        foreach (var fields in Lines(groupFile))
        {
            // name:password:gid:member,member
            if (fields.Length < 4 || fields[0] != group || !uint.TryParse(fields[2], out var gid)) continue;
            return (gid, fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return null;
    }

    private (string Name, uint Gid)? FindUser(uint uid)
    {
        foreach (var fields in Lines(passwdFile))
        {
            // name:password:uid:gid:gecos:home:shell
            if (fields.Length < 4 || !uint.TryParse(fields[2], out var u) || u != uid || !uint.TryParse(fields[3], out var gid)) continue;
            return (fields[0], gid);
        }
        return null;
    }

    private static IEnumerable<string[]> Lines(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            yield return line.Split(':');
        }
    }
}
