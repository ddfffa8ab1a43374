using System.Globalization;
using ForgeNet.Core.Model;
using ForgeNet.Kernel.Namespaces;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Store;

internal sealed partial class ForgeStore
{
    private const string SandboxColumns =
        "id, name, isolation, netns, state, owner_pid, owner_start, actor_pid, actor_start, created, policy, external_netns, container_id, published";

    // Labels as "key=value" lines, sorted by key (neither part can hold '=' or a newline: PeerSelector's syntax).
    private const string LabelsColumn =
        "(SELECT group_concat(key || '=' || value, char(10)) FROM (SELECT key, value FROM sandbox_labels WHERE sandbox_id = sandboxes.id ORDER BY key))";

    public List<SandboxRecord> AllSandboxes() =>
        Query($"SELECT {SandboxColumns}, {LabelsColumn} FROM sandboxes ORDER BY created, name", ReadSandbox);

    public SandboxRecord? FindSandbox(string name) =>
        Query($"SELECT {SandboxColumns}, {LabelsColumn} FROM sandboxes WHERE name = $name", ReadSandbox, ("$name", name)).FirstOrDefault();

    public SandboxRecord? FindSandboxById(string id) =>
        Query($"SELECT {SandboxColumns}, {LabelsColumn} FROM sandboxes WHERE id = $id", ReadSandbox, ("$id", id)).FirstOrDefault();

    /// <summary>The sandboxes a runtime made for container <paramref name="containerId"/>.</summary>
    public List<SandboxRecord> SandboxesOfContainer(string containerId) =>
        Query($"SELECT {SandboxColumns}, {LabelsColumn} FROM sandboxes WHERE container_id = $cid ORDER BY created, name", ReadSandbox, ("$cid", containerId));

    public void InsertSandbox(SandboxRecord s) => Execute(
        $"INSERT INTO sandboxes ({SandboxColumns}) VALUES ($id, $name, $isolation, $netns, $state, $opid, $ostart, $apid, $astart, $created, $policy, $ext, $cid, $published)",
        ("$id", s.Id), ("$name", s.Name), ("$isolation", s.Isolation.ToString()), ("$netns", s.Namespace),
        ("$state", s.State.ToString()), ("$opid", s.Owner?.Pid), ("$ostart", s.Owner?.StartTicks),
        ("$apid", s.Actor.Pid), ("$astart", s.Actor.StartTicks), ("$created", ToUnixMs(s.Created)), ("$policy", s.PolicyYaml),
        ("$ext", s.ExternalNamespace is { } ns ? FormatNamespaceId(ns) : null), ("$cid", s.ContainerId), ("$published", s.Published));

    /// <summary>Records a new sandbox's labels (call in the transaction that inserts it).</summary>
    public void InsertLabels(string id, IEnumerable<Policy.Label> labels)
    {
        foreach (var label in labels)
            Execute("INSERT INTO sandbox_labels (sandbox_id, key, value) VALUES ($id, $key, $value)", ("$id", id), ("$key", label.Key), ("$value", label.Value));
    }

    /// <summary>Sets the state and the process now responsible for it; false when the record is gone.</summary>
    public bool SetSandboxState(string id, SandboxState state, ProcessIdentity actor) => Execute(
        "UPDATE sandboxes SET state = $state, actor_pid = $apid, actor_start = $astart WHERE id = $id",
        ("$id", id), ("$state", state.ToString()), ("$apid", actor.Pid), ("$astart", actor.StartTicks)) > 0;

    /// <summary>Records a new policy (canonical YAML, and the ports it publishes) and the isolation mode it implies; false when the record is gone.</summary>
    public bool SetSandboxPolicy(string id, IsolationMode isolation, string policyYaml, string published) => Execute(
        "UPDATE sandboxes SET isolation = $isolation, policy = $policy, published = $published WHERE id = $id",
        ("$id", id), ("$isolation", isolation.ToString()), ("$policy", policyYaml), ("$published", published)) > 0;

    /// <summary>Records the peer selectors (PeerSelector.Key: a name or labels) the sandbox's policy uses, replacing those recorded before.</summary>
    public void SetPeerRefs(string id, IEnumerable<string> peers)
    {
        Execute("DELETE FROM peer_refs WHERE sandbox_id = $id", ("$id", id));
        foreach (var peer in peers.Distinct(StringComparer.Ordinal))
            Execute("INSERT INTO peer_refs (sandbox_id, peer) VALUES ($id, $peer)", ("$id", id), ("$peer", peer));
    }

    /// <summary>Every peer selector key some policy uses.</summary>
    public HashSet<string> ReferencedPeers() =>
        Query("SELECT DISTINCT peer FROM peer_refs", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes the sandbox with its endpoints and allocations (ON DELETE CASCADE).</summary>
    public bool DeleteSandbox(string id) => Execute("DELETE FROM sandboxes WHERE id = $id", ("$id", id)) > 0;

    private static Policy.Label[] ParseLabels(string? lines) => lines is null ? [] :
        lines.Split('\n').Select(line => line.Split('=', 2)).Select(kv => new Policy.Label(kv[0], kv[1])).ToArray();

    private static SandboxRecord ReadSandbox(SqliteDataReader r)
    {
        var ownerPid = LongOrNull(r, 5);
        return new SandboxRecord(
            r.GetString(0), r.GetString(1), Enum.Parse<IsolationMode>(r.GetString(2)), r.GetString(3),
            Enum.Parse<SandboxState>(r.GetString(4)),
            ownerPid is null ? null : new ProcessIdentity((int)ownerPid, LongOrNull(r, 6)),
            new ProcessIdentity(r.GetInt32(7), LongOrNull(r, 8)),
            FromUnixMs(r.GetInt64(9)))
        {
            PolicyYaml = TextOrNull(r, 10),
            ExternalNamespace = TextOrNull(r, 11) is { } ns ? ParseNamespaceId(ns) : null,
            ContainerId = TextOrNull(r, 12),
            Published = TextOrNull(r, 13),
            Labels = ParseLabels(TextOrNull(r, 14)),
        };
    }

    private static string FormatNamespaceId(NamespaceId id) =>
        string.Create(CultureInfo.InvariantCulture, $"{id.Device}:{id.Inode}");

    private static NamespaceId ParseNamespaceId(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return new NamespaceId(ulong.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture),
            ulong.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
