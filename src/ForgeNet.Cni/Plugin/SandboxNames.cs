using System.Text;
using ForgeNet.Core.Model;

namespace ForgeNet.Cni.Plugin;

/// <summary>The sandbox name of a CNI attachment: readable in <c>forge sandbox ls</c>, unique per (container id, interface).</summary>
internal static class SandboxNames
{
    private const int ShortId = 12;

    /// <summary>
    /// "CID12-IFNAME" (the first 12 characters of the container id, as <c>podman ps</c> shows them), with 6 hex of
    /// SHA-256(container id) after the id when it is longer, so two ids with one prefix never share a name.
    /// </summary>
    public static string For(string containerId, string ifName)
    {
        var id = containerId.Length <= ShortId ? containerId : $"{containerId[..ShortId]}-{Hash(containerId)}";
        return $"{id}-{Sanitize(ifName)}";
    }

    // Interface names may hold characters sandbox names may not.
    private static string Sanitize(string ifName) =>
        new(ifName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());

    private static string Hash(string text) =>
        Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(text)))[..6];
}
