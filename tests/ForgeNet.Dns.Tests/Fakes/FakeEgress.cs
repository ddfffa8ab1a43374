using System.Collections.Concurrent;
using System.Net;
using ForgeNet.Core.Firewall;

namespace ForgeNet.Dns.Tests.Fakes;

/// <summary>An <see cref="IDomainEgress"/> that decides by a table and records every Decide and Admit.</summary>
internal sealed class FakeEgress : IDomainEgress
{
    public Func<string, ResolverDecision> Rule { get; set; } = _ => ResolverDecision.Forward;

    public ConcurrentQueue<string> Decided { get; } = new();

    public ConcurrentQueue<(string Name, IPAddress[] Addresses, TimeSpan Ttl)> Admitted { get; } = new();

    /// <summary>Set to make Admit throw (the firewall could not be opened).</summary>
    public bool FailAdmit { get; set; }

    public ResolverDecision Decide(string network, IPAddress client, string name)
    {
        Decided.Enqueue(name);
        return Rule(name);
    }

    public void Admit(string network, IPAddress client, string name, IReadOnlyList<IPAddress> addresses, TimeSpan ttl)
    {
        if (FailAdmit) throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.Internal, "injected: admit failed");
        Admitted.Enqueue((name, addresses.ToArray(), ttl));
    }
}
