namespace ForgeNet.Core.Policy;

/// <summary>
/// The checks that tie keys together (mode against rules, selectors against mode and direction, duplicate
/// host ports), made on the model so that policies built in code get them too.
/// </summary>
internal static partial class PolicyValidator
{
    /// <summary>Throws a positioned <see cref="PolicyException"/> for the first error; returns the warnings.</summary>
    public static IReadOnlyList<PolicyWarning> ValidateOrThrow(NetworkPolicy policy, string sourceName, PolicyPositions positions, string root = "")
    {
        var warnings = new List<PolicyWarning>();
        foreach (var issue in Check(policy, positions, root))
        {
            var (line, column) = positions.Find(issue.Path);
            if (issue.IsError) throw new PolicyException(sourceName, line, column, issue.Path, issue.Detail);
            warnings.Add(new PolicyWarning(sourceName, line, column, issue.Path, issue.Detail));
        }
        return warnings;
    }

    /// <summary>Every issue, in the order of the policy's keys; <paramref name="root"/> prefixes paths ("network" in a profile).</summary>
    public static IEnumerable<PolicyIssue> Check(NetworkPolicy policy, PolicyPositions positions, string root = "") =>
        CheckMode(policy)
            .Concat(CheckRules(policy, policy.Ingress, "ingress", positions, root))
            .Concat(CheckRules(policy, policy.Egress, "egress", positions, root))
            .Concat(CheckPortMappings(policy.Ports, root))
            .Select(issue => issue with { Path = Join(root, issue.Path) });

    private static string Join(string root, string path) => root.Length == 0 || path.StartsWith(root + ".", StringComparison.Ordinal) ? path : $"{root}.{path}";

    private static IEnumerable<PolicyIssue> CheckMode(NetworkPolicy policy)
    {
        var mode = policy.Mode.ToName();
        if (!policy.Mode.HasNetwork())
        {
            var why = policy.Mode == PolicyMode.Host
                ? "mode host runs in the host's own network and cannot be filtered"
                : "mode loopback-only has no network interface";
            var fix = "remove it, or choose mode private, internal or peer-only";
            if (policy.Dns.ResolverAllowed) yield return PolicyIssue.Error("dns", $"{why}, so there is no resolver to allow; {fix}");
            if (!policy.Ingress.IsEmpty) yield return PolicyIssue.Error("ingress", $"{why}; {fix}");
            if (!policy.Egress.IsEmpty) yield return PolicyIssue.Error("egress", $"{why}; {fix}");
            if (!policy.Ports.IsEmpty) yield return PolicyIssue.Error("ports", $"{why}, so there is nothing to publish; {fix}");
            if (!policy.Limits.IsEmpty) yield return PolicyIssue.Error("limits", $"{why}, so there is nothing to limit; {fix}");
            if (!policy.AntiSpoofing) yield return PolicyIssue.Warning("anti-spoofing", $"has no effect in mode {mode}");
            if (!policy.Ipv6Hygiene) yield return PolicyIssue.Warning("ipv6-hygiene", $"has no effect in mode {mode}");
            yield break;
        }
        if (policy.Mode != PolicyMode.Private && !policy.Ports.IsEmpty)
            yield return PolicyIssue.Error("ports", $"published ports need mode private: mode {mode} has no route to or from outside the host");
        if (policy.Mode != PolicyMode.Internal && policy.Egress.IsEmpty && !policy.Dns.ResolverAllowed)
            yield return PolicyIssue.Warning("mode", $"no egress rule and no dns: in mode {mode} the sandbox can reach nothing (default deny)");
    }

    private static IEnumerable<PolicyIssue> CheckPortMappings(EquatableArray<PortMapping> ports, string root)
    {
        for (var j = 0; j < ports.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (!ports[j].ConflictsWith(ports[i])) continue;
                yield return PolicyIssue.Error($"ports[{j}]", $"'{ports[j]}': host port {PortRange.Format(ports[j].HostPorts.First, ports[j].HostPorts.Last)}/{ports[j].Protocol.ToName()} is already published by {Join(root, $"ports[{i}]")} ('{ports[i]}')");
                break;
            }
        }
    }
}
