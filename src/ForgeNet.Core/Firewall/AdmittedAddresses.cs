using System.Net;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// When each address this process admitted to a domain set expires, so a later answer with a shorter TTL (another name
/// on the same address, a cached answer) never cuts short what an earlier one granted: the kernel replaces an element's
/// timeout when the element is added again. Bounded: expired entries go once it holds <see cref="PruneAt"/> of them.
/// </summary>
internal sealed class AdmittedAddresses(TimeProvider time)
{
    private const int PruneAt = 16_384;

    private readonly Dictionary<(string Set, IPAddress Address), long> _expiry = [];
    private readonly Lock _gate = new();

    /// <summary>The timeout to write for <paramref name="address"/> in <paramref name="set"/>: <paramref name="timeout"/>, or what is left of a longer one.</summary>
    public TimeSpan Extend(string set, IPAddress address, TimeSpan timeout)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_expiry.TryGetValue((set, address), out var expires)) return timeout;
            var left = time.GetElapsedTime(now, expires);
            return left > timeout ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : timeout;
        }
    }

    /// <summary>Records that the kernel now holds <paramref name="address"/> in <paramref name="set"/> for <paramref name="timeout"/>.</summary>
    public void Admitted(string set, IPAddress address, TimeSpan timeout, long since)
    {
        var expires = since + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        lock (_gate)
        {
            if (_expiry.Count >= PruneAt) Prune(time.GetTimestamp());
            _expiry[(set, address)] = expires;
        }
    }

    private void Prune(long now)
    {
        foreach (var key in _expiry.Where(e => e.Value <= now).Select(e => e.Key).ToList()) _expiry.Remove(key);
    }
}
