using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;

namespace ForgeNet.Core.Operations;

/// <summary>
/// Validates what a runtime hands over with a sandbox (its namespace, interface name, MAC, container id) and
/// applies interface name and MAC to the first attachment.
/// </summary>
internal static partial class AttachmentOptions
{
    // IFNAMSIZ is 16 with the NUL.
    private const int MaxInterfaceBytes = 15;

    // The CNI spec's rule for CNI_CONTAINERID.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*\z")]
    private static partial Regex ContainerIdPattern();

    /// <summary>Checks the spec's runtime options; returns the attachments with the first one's name and MAC set.</summary>
    public static List<AttachmentPlan> Apply(SandboxSpec spec, List<AttachmentPlan> attachments)
    {
        if (spec.NamespacePath is { } path)
            CheckNamespacePath(path, attachments.Count);
        if (spec.ContainerId is { } id)
            ValidateContainerId(id);
        if (spec.InterfaceName is { } name)
            ValidateInterfaceName(name);
        var mac = spec.Mac is { } text ? NormalizeMac(text) : null;
        if ((spec.InterfaceName is not null || mac is not null) && attachments.Count == 0)
            throw ForgeException.Invalid("an interface name or MAC needs a network to attach");
        if (attachments.Count == 0) return attachments;
        var result = attachments.ToList();
        result[0] = result[0] with { Interface = spec.InterfaceName, Mac = mac };
        var names = result.Select(a => a.Interface ?? Names.SandboxInterface(a.Position)).ToList();
        var clash = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw ForgeException.Invalid($"interface name {clash.Key} is used twice (further networks get eth1, eth2, ...)");
        return result;
    }

    /// <summary>The CNI spec's rule for a container id: a letter or digit, then letters, digits, '_', '.' or '-'.</summary>
    public static void ValidateContainerId(string id)
    {
        if (!ContainerIdPattern().IsMatch(id))
            throw ForgeException.Invalid($"invalid container id '{id}': it must start with a letter or digit, followed by letters, digits, '_', '.' or '-'");
    }

    /// <summary>What the kernel accepts as an interface name: 1-15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static void ValidateInterfaceName(string name)
    {
        var valid = name.Length > 0 && Encoding.UTF8.GetByteCount(name) <= MaxInterfaceBytes
            && name is not "." and not ".."
            && !name.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c));
        if (!valid)
            throw ForgeException.Invalid($"invalid interface name '{name}': use 1-15 bytes, not '.' or '..', without '/', ':' or spaces");
    }

    /// <summary>"02:AB:cd:ef:01:23" or "02-ab-…" as "02:ab:cd:ef:01:23"; refuses multicast and all-zero addresses.</summary>
    public static string NormalizeMac(string text)
    {
        var parts = text.Split(':', '-');
        var bytes = new byte[parts.Length];
        var valid = parts.Length == 6 && parts.Select((p, i) =>
            p.Length == 2 && byte.TryParse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])).All(ok => ok);
        if (!valid)
            throw ForgeException.Invalid($"invalid MAC '{text}': use six hex pairs, e.g. 02:42:ac:11:00:02");
        if ((bytes[0] & 1) != 0 || bytes.All(b => b == 0))
            throw ForgeException.Invalid($"invalid MAC '{text}': an interface needs a unicast, non-zero address");
        return Names.FormatMac(new System.Net.NetworkInformation.PhysicalAddress(bytes));
    }

    private static void CheckNamespacePath(string path, int networkCount)
    {
        if (!Path.IsPathRooted(path) || path.Contains('\0'))
            throw ForgeException.Invalid($"invalid namespace path '{path}': it must be absolute");
        if (networkCount == 0)
            throw ForgeException.Invalid("a sandbox in a runtime's namespace needs at least one network");
    }
}
