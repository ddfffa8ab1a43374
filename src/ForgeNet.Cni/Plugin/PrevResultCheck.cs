using ForgeNet.Cni.Spec;
using ForgeNet.Core.Model;

namespace ForgeNet.Cni.Plugin;

/// <summary>CHECK's first half: does the prevResult the runtime cached describe the attachment as it is recorded?</summary>
internal static class PrevResultCheck
{
    public static List<string> Compare(CniResult previous, SandboxInfo sandbox, CniEnvironment environment)
    {
        var problems = new List<string>();
        var endpoint = sandbox.Endpoints.Single();
        if (environment.Netns is { } netns && netns != sandbox.NamespacePath)
            problems.Add($"CNI_NETNS {netns} is not the namespace of the attachment ({sandbox.NamespacePath})");
        var index = previous.Interfaces.ToList().FindIndex(i => i.Name == endpoint.Interface && i.Sandbox is not null);
        if (index < 0)
        {
            problems.Add($"prevResult lists no interface {endpoint.Interface} inside a sandbox");
            return problems;
        }
        var listed = previous.Interfaces[index];
        if (listed.Mac is { } mac && !string.Equals(mac, endpoint.Mac, StringComparison.OrdinalIgnoreCase))
            problems.Add($"prevResult says {endpoint.Interface} has MAC {mac}, the attachment has {endpoint.Mac}");
        var recorded = new[] { endpoint.Address4, endpoint.Address6 }.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var ip in previous.Ips.Where(ip => ip.Interface == index))
        {
            if (!recorded.Contains(ip.Address))
                problems.Add($"prevResult lists {ip.Address} on {endpoint.Interface}, which the attachment does not hold");
        }
        return problems;
    }
}
