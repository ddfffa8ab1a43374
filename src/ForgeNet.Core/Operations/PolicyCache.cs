using ForgeNet.Core.Errors;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Operations;

/// <summary>
/// Stored policies parsed once per distinct text: a rebuild reads every sandbox's policy, and most sandboxes share a
/// few policies. Bounded: past <see cref="Capacity"/> texts it starts afresh.
/// </summary>
internal sealed class PolicyCache
{
    private const int Capacity = 256;
    private readonly Dictionary<string, NetworkPolicy> _parsed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Returns the canonical YAML of <paramref name="policy"/> and remembers that it parses back to it: the next
    /// change to the sandbox reads the stored text as its previous policy, and parsing 10,000 rules again would cost
    /// more than compiling them.
    /// </summary>
    public string Format(NetworkPolicy policy)
    {
        var yaml = PolicyFormatter.Format(policy);
        lock (_gate)
        {
            if (_parsed.Count >= Capacity) _parsed.Clear();
            _parsed[yaml] = policy;
        }
        return yaml;
    }

    public NetworkPolicy Parse(string yaml, string sandbox)
    {
        lock (_gate)
        {
            if (_parsed.TryGetValue(yaml, out var cached)) return cached;
        }
        NetworkPolicy policy;
        try
        {
            policy = PolicyLoader.Parse(yaml, $"stored policy of sandbox {sandbox}").Policy;
        }
        catch (PolicyException e)
        {
            throw new ForgeException(ErrorKind.Internal, $"the stored policy of sandbox {sandbox} is unreadable: {e.Message}", e);
        }
        lock (_gate)
        {
            if (_parsed.Count >= Capacity) _parsed.Clear();
            _parsed[yaml] = policy;
        }
        return policy;
    }
}
