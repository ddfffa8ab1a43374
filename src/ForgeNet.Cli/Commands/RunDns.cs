using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Dns.Hosting;
using ForgeNet.Dns.Server;

namespace ForgeNet.Cli.Commands;

/// <summary>
/// The resolver of a <c>forge run</c> sandbox's networks, hosted by the <c>forge run</c> process for as long as it lives
/// (docs/DNS.md). Upstreams: FORGENET_DNS_UPSTREAMS (comma-separated addresses) or the host's /etc/resolv.conf.
/// </summary>
internal sealed class RunDns : IDisposable
{
    private readonly DnsHost _host;

    private RunDns(DnsHost host) => _host = host;

    /// <summary>Starts serving when the sandbox may use DNS; null when it may not, or when listening failed (a warning).</summary>
    public static RunDns? Start(Engine engine, SandboxInfo sandbox, IReadOnlyList<IPEndPoint>? upstreams)
    {
        // Mode host has no network of ours to serve, and the host's own resolver applies.
        if (sandbox.Isolation == IsolationMode.Host || !File.Exists(ResolverFiles.PathFor(Path.GetFileName(sandbox.NamespacePath)))) return null;
        try
        {
            return new RunDns(DnsHost.Start(engine, new DnsHostOptions
            {
                HostNamespacePath = EngineOptions.FromEnvironment().HostNamespacePath,
                Networks = sandbox.Endpoints.Select(e => e.Network).ToHashSet(StringComparer.Ordinal),
                Upstreams = upstreams,
            }));
        }
        catch (DnsServerException e)
        {
            Console.Error.WriteLine($"forge: warning: no DNS for sandbox {sandbox.Name}: {e.Message}");
            return null;
        }
    }

    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The upstreams FORGENET_DNS_UPSTREAMS names (null: the host's resolvers). Read before the sandbox is made, so a
    /// mistake there is a usage error that changes nothing.
    /// </summary>
    public static IReadOnlyList<IPEndPoint>? Upstreams()
    {
        try
        {
            return DnsUpstreams.FromEnvironment();
        }
        catch (ArgumentException e)
        {
            throw new ForgeException(ErrorKind.InvalidArgument, $"{DnsUpstreams.EnvironmentVariable}: {e.Message}");
        }
    }
}
