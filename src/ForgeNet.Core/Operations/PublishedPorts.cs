using ForgeNet.Core.Errors;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Operations;

/// <summary>
/// The port mappings a sandbox publishes as its record stores them: each mapping's canonical text
/// (<c>127.0.0.1:8080:80/tcp</c>), separated by spaces; empty when it publishes none.
/// </summary>
internal static class PublishedPorts
{
    public static string Format(IEnumerable<PortMapping> ports) => string.Join(' ', ports);

    public static List<PortMapping> Parse(string text, string sandbox)
    {
        var result = new List<PortMapping>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!PortMapping.TryParse(part, out var mapping, out var error))
                throw new ForgeException(ErrorKind.Internal, $"the stored ports of sandbox {sandbox} are unreadable: {error}");
            result.Add(mapping);
        }
        return result;
    }
}
