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
