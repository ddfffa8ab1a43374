using YamlDotNet.RepresentationModel;

namespace ForgeNet.Core.Policy;

/// <summary>
/// A Phantom Fragment profile ("profile: NAME" plus sections): its network: section is read as a policy,
/// other sections are ignored with a warning.
/// </summary>
internal static class PhantomFragmentProfile
{
    /// <summary>True when the document is a profile rather than a policy: it has a profile: or network: key.</summary>
    public static bool Matches(YamlCursor root) =>
        root.Node is YamlMappingNode mapping
        && mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: "profile" or "network" });

    public static (NetworkPolicy Policy, string? Profile) Parse(YamlCursor root, PolicyParser parser)
    {
        string? profile = null;
        YamlCursor? network = null;
        var ignored = new List<YamlCursor>();
        foreach (var (key, value) in root.AnyEntries())
        {
            switch (key.Scalar("a key"))
            {
                case "profile": profile = value.Scalar("a profile name"); break;
                case "network": network = value; break;
                default: ignored.Add(key); break;
            }
        }
        var name = profile is null ? "the Phantom Fragment profile" : $"Phantom Fragment profile '{profile}'";
        foreach (var key in ignored)
            key.Warn($"section ignored: ForgeNet reads only the network: section of {name}");
        if (network is not { } section)
        {
            root.Warn($"{name} has no network: section; using the default policy (loopback-only)");
            return (NetworkPolicy.Default, profile);
        }
        return (parser.ParsePolicy(section), profile);
    }
}
